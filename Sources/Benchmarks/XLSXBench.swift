import Foundation
import Glibc
import Ingest
import ZIPFoundation

/// Times `XLSXWorkbook.forEachRow` on the workbooks given, next to ZIPFoundation's extraction of the same sheet
/// alone (the floor the reader stands on). Run through scripts/bench-xlsx.sh, which builds it in release mode.
enum XLSXBench {
    static func run(_ arguments: [String]) throws {
        print("file                      rows   fields  read_s  cpu_s  open_s  inflate_s  peak_MB")
        for path in arguments {
            let inflate = try inflateSeconds(path)
            // Opening and the first row: the workbook's structure, its shared strings and styles.
            let open0 = now(CLOCK_MONOTONIC)
            try XLSXWorkbook(path: path).forEachRow(limit: 1) { _ in }
            let open = now(CLOCK_MONOTONIC) - open0
            let wall0 = now(CLOCK_MONOTONIC), cpu0 = now(CLOCK_PROCESS_CPUTIME_ID)
            let book = try XLSXWorkbook(path: path)
            var fields = 0
            var bytes = 0
            let stats = try book.forEachRow { row in
                fields += row.fieldCount
                for i in 0..<row.fieldCount { bytes += row.field(i).count }
            }
            let wall = now(CLOCK_MONOTONIC) - wall0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu0
            let name = URL(fileURLWithPath: path).lastPathComponent
            let padded = name.count < 22 ? name + String(repeating: " ", count: 22 - name.count) : name
            print(padded + String(format: " %8d %8d %7.3f %6.3f %7.3f %10.3f %8.0f", stats.records, fields, wall, cpu, open,
                                  inflate, peakMB()))
        }
    }

    /// Seconds ZIPFoundation takes to inflate the first sheet for a consumer that does nothing (the reader checks
    /// the CRC-32 itself, with zlib).
    static func inflateSeconds(_ path: String) throws -> Double {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        guard let entry = archive.first(where: { $0.path.hasPrefix("xl/worksheets/") }) else { return 0 }
        let t0 = now(CLOCK_MONOTONIC)
        _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { _ in }
        return now(CLOCK_MONOTONIC) - t0
    }

    static func now(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
