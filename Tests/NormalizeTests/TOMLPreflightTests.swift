import Testing
import Normalize

/// What toml++ would abort on is found where toml++ would read it, and nowhere else.
@Suite struct TOMLPreflightTests {
    @Test(arguments: [
        ("[=]", 1, 2),
        ("[ ]", 1, 3),
        ("[", 1, 2),
        ("[[{]]", 1, 3),
        ("a = 1\n  [ 健康监测]\n", 2, 5),
        ("[levels.high]\ndays = 14\n[\u{1}]", 3, 2),
        ("a = \"\"\"\n[x]\n\"\"\"\n[#]", 4, 2),
        ("a = [1,\n2]\n[,]", 3, 2),
    ])
    func findsATableHeaderWithoutAKey(text: String, line: Int, column: Int) {
        let found = TOMLPreflight.problem(in: text)
        #expect(found?.line == line && found?.column == column, "\(String(describing: found))")
        #expect(found?.message.contains("table header") == true)
    }

    @Test(arguments: [
        ("days = 2020-01-20 1\n", 1, 8),
        ("a=1979-05-27 1\r", 1, 3),
        ("a = [1979-05-27 1]", 1, 6),
        ("a = [\n  1979-05-27 1,\n]", 2, 3),
        ("a = { b = 1979-05-27 1 }", 1, 11),
        ("c=1979-05-27T:", 1, 3),
        ("c = 1979-05-27T07:3\n", 1, 5),
        ("c = 1979-05-27 07:32:00.\n", 1, 5),
        ("c = 1979-05-27T07:32:00+8\n", 1, 5),
        ("c = 1979-05-27T07:32:00x\n", 1, 5),
    ])
    func findsADateTimeThatIsNotOne(text: String, line: Int, column: Int) {
        let found = TOMLPreflight.problem(in: text)
        #expect(found?.line == line && found?.column == column, "\(String(describing: found))")
        #expect(found?.message.contains("date") == true)
    }

    @Test(arguments: [
        ("a=[}", 1, 4),
        ("a = [1,\n  }", 2, 3),
        ("a = [[[ {b = 1} }]]]", 1, 17),
    ])
    func findsABraceInsideAnArray(text: String, line: Int, column: Int) {
        let found = TOMLPreflight.problem(in: text)
        #expect(found?.line == line && found?.column == column, "\(String(describing: found))")
        #expect(found?.message.contains("array") == true)
    }

    @Test(arguments: [
        "[levels.high]\naction = \"none\"\n[[a.b]]\n[ \"quoted key\" ]\n['literal']\n[_x]\n[-y]\n[9]",
        "name = \"\"\"\n[=] is text in a multi-line string\n\"\"\"\n",
        "name = '''\n[ 健康 ]\n'''\n",
        "a = [\n  [ {b = 1} ],\n  { c = [2] },\n]\n",
        "a = { b = \"[=]\" } # [=] in a comment\n# [=]\n",
        "a = \"\\\"[\" \n[ok]\n",
        "a = 1979-05-27 07:32:00\nb = 1979-05-27\nd = \"1979-05-27 1 \"\ne = 1979-05-27 # a comment\n",
        "a = 1979-05-27T07:32:00Z\nb = 1979-05-27t07:32:00.999999-07:00\nc = [1979-05-27T07:32, 1979-05-27 00:32:00z]\n",
        "1979-05-27 = 1\nx = 2020-01-20T08:00:00+08:00\n",
        "a = [{b = 1}, {c = [2, {d = 3}]}]\ne = {f = [1], g = {h = []}}\n",
    ])
    func acceptsWhatTomlAllows(text: String) {
        #expect(TOMLPreflight.problem(in: text) == nil)
    }
}
