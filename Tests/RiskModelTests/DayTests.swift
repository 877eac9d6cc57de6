import Testing
import RiskModel

@Suite struct DayTests {
    @Test(arguments: [(1970, 1, 1, Int32(0)), (2020, 2, 6, Int32(18298)), (2000, 2, 29, Int32(11016)), (1969, 12, 31, Int32(-1))])
    func roundTrips(y: Int, m: Int, d: Int, number: Int32) throws {
        let day = try #require(Day(year: y, month: m, day: d))
        #expect(day.number == number)
        #expect(day.components == (y, m, d))
    }

    @Test(arguments: [(2021, 2, 29), (2021, 2, 30), (2020, 13, 1), (2020, 4, 31), (1900, 2, 29), (2020, 1, 0)])
    func rejectsDatesThatDoNotExist(y: Int, m: Int, d: Int) {
        #expect(Day(year: y, month: m, day: d) == nil)
    }

    /// Around and inside the years whose months are looked up in a table (1900–2155), every real day comes back
    /// as the day its components name, and the day before the first and after the last of each month does not.
    @Test func everyDayAroundTheTabledYearsIsFoundAndNoOtherIs() throws {
        let first = try #require(Day(year: 1890, month: 1, day: 1)), last = try #require(Day(year: 2165, month: 12, day: 31))
        for number in first.number...last.number {
            let c = Day(number: number).components
            #expect(Day(year: c.year, month: c.month, day: c.day)?.number == number, "\(c)")
            if c.day == 1 {
                let length = Day.daysInMonth(year: c.year, month: c.month)
                #expect(Day(year: c.year, month: c.month, day: 0) == nil)
                #expect(Day(year: c.year, month: c.month, day: length + 1) == nil, "\(c) has \(length) days")
                #expect(Day(year: c.year, month: c.month, day: length) == Day(number: number + Int32(length) - 1))
            }
        }
        for (y, m, d) in [(1900, 0, 1), (1900, 13, 1), (2155, 13, 1), (0, 1, 1), (10_000, 1, 1), (2020, -1, 1), (Int.min, 1, 1)] {
            #expect(Day(year: y, month: m, day: d) == nil, "\(y)-\(m)-\(d)")
        }
    }

    @Test func formats() throws {
        let day = try #require(Day(iso: "2020-02-06"))
        #expect(day.description == "2020-02-06")
        #expect(day.compact == "20200206")
        #expect(day.chinese == "2020年2月6日")
        #expect(Day(iso: "2020-2-6") == nil)
    }
}
