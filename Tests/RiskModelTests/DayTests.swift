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

    @Test func formats() throws {
        let day = try #require(Day(iso: "2020-02-06"))
        #expect(day.description == "2020-02-06")
        #expect(day.compact == "20200206")
        #expect(day.chinese == "2020年2月6日")
        #expect(Day(iso: "2020-2-6") == nil)
    }
}
