import Glibc

/// The cores a run spreads its work over, read once.
public enum Cores {
    /// Online cores, at most 64; `RISKSCREEN_THREADS` lowers it (1 reads every file in one pass and screens on one core).
    public static let active: Int = {
        let online = max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
        if let text = getenv("RISKSCREEN_THREADS"), let wanted = Int(String(cString: text)), wanted >= 1 {
            return min(wanted, online, 64)
        }
        return min(online, 64)
    }()
}
