import Testing
import Normalize

/// The headers toml++ cannot be given are found where toml++ reads headers, and nowhere else.
@Suite struct TOMLHeaderCheckTests {
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
    func findsABadHeader(text: String, line: Int, column: Int) {
        let found = TOMLHeaderCheck.badTableHeader(in: text)
        #expect(found?.line == line && found?.column == column, "\(String(describing: found))")
    }

    @Test(arguments: [
        "[levels.high]\naction = \"none\"\n[[a.b]]\n[ \"quoted key\" ]\n['literal']\n[_x]\n[-y]\n[9]",
        "name = \"\"\"\n[=] is text in a multi-line string\n\"\"\"\n",
        "name = '''\n[ 健康 ]\n'''\n",
        "a = [\n  [ {b = 1} ],\n  { c = [2] },\n]\n",
        "a = { b = \"[=]\" } # [=] in a comment\n# [=]\n",
        "a = \"\\\"[\" \n[ok]\n",
    ])
    func acceptsWhatTomlAllows(text: String) {
        #expect(TOMLHeaderCheck.badTableHeader(in: text) == nil)
    }
}
