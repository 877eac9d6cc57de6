import Foundation
import RiskModel

/// `batches/index.csv`: which file holds which community's notices, so a printer finds a batch by the community's
/// name and scripts keep finding the files by their unchanged names (`notices-<code>.pdf`).
public enum BatchIndex {
    public static let fileName = "index.csv"
    public static let header = ["community_code", "community_name", "file", "pages", "notices"]

    /// One row per rendered batch, in the batches' order (communities by code, the unassigned last, code empty).
    public static func csv(_ rendered: [RenderedBatch], names: [RegionCode?: String]) -> CSVWriter {
        var csv = CSVWriter(header: header, literalColumns: [0, 3, 4])
        for batch in rendered {
            csv.append([batch.community?.twelveDigits ?? "", names[batch.community] ?? "", batch.file.lastPathComponent,
                        String(batch.pages), String(batch.papers)])
        }
        return csv
    }
}
