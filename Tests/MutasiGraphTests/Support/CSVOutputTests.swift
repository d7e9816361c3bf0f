import Testing
import MutasiGraph

@Suite struct CSVOutputTests {
    @Test func neutralisesFormulas() {
        #expect(CSVOutput.cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVOutput.cell("+62 811") == "'+62 811")
        #expect(CSVOutput.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVOutput.cell("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0")
        #expect(CSVOutput.cell("-3") == "-3")
        #expect(CSVOutput.cell("0.25") == "0.25")
        #expect(CSVOutput.cell("821.2/1293/BKPSDM/2024") == "821.2/1293/BKPSDM/2024")
    }

    @Test func quotesPerRFC4180() {
        var csv = CSVOutput(columns: ["name", "unit"])
        csv.append(["Made \"Dek\" Suardana", "Dinas A, Bidang B"])
        csv.append(["two\nlines", ""])
        #expect(csv.text == "name,unit\n\"Made \"\"Dek\"\" Suardana\",\"Dinas A, Bidang B\"\n\"two\nlines\",\n")
    }

    @Test func markupEscapesEverythingThatCouldBecomeMarkup() {
        #expect(Markup.escape("<script>alert('x')</script> & \"q\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        #expect(Markup.escape("a\u{0}b\u{7}c") == "abc")
        #expect(Markup.escape("Tanjung Kelapa é ü") == "Tanjung Kelapa é ü")
    }
}
