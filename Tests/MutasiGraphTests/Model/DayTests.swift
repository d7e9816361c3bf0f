import Testing
import MutasiGraph

@Suite struct DayTests {
    @Test func roundTripsCivilDates() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2000, 12, 31), (1899, 3, 1), (2026, 11, 24)] {
            let day = Day(year: y, month: m, day: d)!
            #expect(day.components == (y, m, d))
            #expect(Day(iso: day.iso) == day)
        }
        #expect(Day(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(Day(year: 2024, month: 11, day: 27)!.weekday == 2) // a Wednesday
    }

    @Test func rejectsImpossibleDates() {
        #expect(Day(year: 2024, month: 2, day: 30) == nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 13, day: 1) == nil)
        #expect(Day(iso: "2024-02-31") == nil)
        #expect(Day(iso: "2024/02/01") == nil)
    }

    @Test func addsCalendarMonthsClampingTheDay() {
        #expect(Day(iso: "2024-08-31")!.adding(months: 6).iso == "2025-02-28")
        #expect(Day(iso: "2024-09-22")!.adding(months: -6).iso == "2024-03-22")
    }
}

@Suite struct ModelParsingTests {
    @Test func echelonNamesOldAndNewMapToOneRank() {
        #expect(Echelon(parsing: "II.a")!.level == .jptPratama)
        #expect(Echelon(parsing: "JPT Pratama")!.rank == Echelon(parsing: "2b")!.rank)
        #expect(Echelon(parsing: "eselon III.b")!.level == .administrator)
        #expect(Echelon(parsing: "Pengawas")!.level == .pengawas)
        #expect(Echelon(parsing: "IV/a")!.grade == 1)
        #expect(Echelon(parsing: "V")!.level == .five)
        #expect(Echelon(parsing: "pelaksana")!.isStructural == false)
        #expect(Echelon(parsing: "VI") == nil)
    }

    @Test func kindsInEnglishAndIndonesian() {
        #expect(TransferKind(parsing: "Rotasi") == .mutation)
        #expect(TransferKind(parsing: "NON-JOB") == .nonjob)
        #expect(TransferKind(parsing: "dibebastugaskan") == .nonjob)
        #expect(TransferKind(parsing: "Plh") == .acting)
        #expect(TransferKind(parsing: "pelantikan") == .appointment)
        #expect(TransferKind(parsing: "pemberhentian") == .dismissal)
        #expect(TransferKind(parsing: "naik pangkat") == nil)
    }

    @Test func kindInferredFromEchelonChange() {
        let e = { (s: String) in Echelon(parsing: s) }
        #expect(TransferKind.inferred(from: e("III.a"), to: e("II.b")) == .promotion)
        #expect(TransferKind.inferred(from: e("II.b"), to: e("Pengawas")) == .demotion)
        #expect(TransferKind.inferred(from: e("II.b"), to: nil) == .nonjob)
        #expect(TransferKind.inferred(from: e("Pelaksana"), to: e("IV.a")) == .appointment)
        #expect(TransferKind.inferred(from: e("III.a"), to: e("Administrator")) == .mutation)
    }

    @Test func nipValidation() {
        #expect(NIP("198503152010011002") != nil)
        #expect(NIP("198502302010011002") == nil) // 30 Feb
        #expect(NIP("19850315201001100") == nil)  // 17 digits
        #expect(NIP("19850315201001100X") == nil)
        #expect(NIP("198503152010991002")!.appointmentMonthIsValid == false)
        #expect(NIP("198503152010011002")!.description == "198503152010011002")
        // the birth date and the appointment month are read from their own digits
        #expect(NIP("198503152010011002")!.birthDate?.iso == "1985-03-15")
        #expect(NIP("199602292020121001")!.birthDate?.iso == "1996-02-29")
        #expect(NIP("199702292020121001") == nil) // 1997 is not a leap year
        #expect(NIP("199612312020121001")!.appointmentMonthIsValid)
        #expect(NIP("199612312020131001")!.appointmentMonthIsValid == false)
    }

    /// NIPs are read eight digits at a time: every place, with every byte next to the digits
    /// ("/", ":", NUL, 0xB0-0xB9, letters) in it, reads as a digit-by-digit reading says.
    @Test func nipDigitsReadAsOneByOne() {
        func reference(_ b: [UInt8]) -> NIP? {
            guard b.count == 18, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            let v = b.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 48) }
            return Day(year: Int(v / 100_000_000_000_000), month: Int(v / 1_000_000_000_000 % 100),
                       day: Int(v / 10_000_000_000 % 100)) == nil ? nil : NIP(value: v)
        }
        let odd: [UInt8] = [0, 0x2F, 0x3A, 0x40, 0x20, 0xB0, 0xB9, 0xF9, 0x39 + 6, 0x30 - 6, 0x61, 0x7F]
        var rng = SeededGenerator(seed: 18)
        var checked = 0
        for place in 0..<18 {
            for byte in odd + Array(48...57) {
                var b = Array("198503152010011002".utf8)
                for k in 0..<18 where rng.nextInt(below: 4) == 0 && k != place && !(4...7).contains(k) {
                    b[k] = UInt8(48 + rng.nextInt(below: 10))
                }
                b[place] = byte
                let read = b.withUnsafeBufferPointer { p -> NIP? in
                    if case .success(let n) = NIP.parse(p) { return n }
                    return nil
                }
                #expect(read == reference(b), "\(b)")
                checked += 1
            }
        }
        #expect(checked == 18 * 22)
        #expect(NIP("999912312099121999")?.value == 999_912_312_099_121_999)
        #expect(NIP("000101012000011000")?.value == 101_012_000_011_000)
    }
}
