import Foundation
import TestSupport
import Testing

@Suite("metarec calibrate")
struct CalibrateCommandTests {
    /// A small e-commerce world, exported as RecBole atomic files into `folder`.
    private func simulatedDataset(in folder: URL) throws {
        let scenario = folder.appendingPathComponent("small.yaml")
        let text = """
            name: small
            family: ecommerce
            world: {users: 150, items: 120, days: 20, interactions_per_user: 20, min_interactions_per_user: 8, popularity_exponent: 1.0}
            models: [random]

            """
        try Data(text.utf8).write(to: scenario)
        let outcome = try MetarecProcess.run([
            "simulate", scenario.path, "--out", folder.appendingPathComponent("data").path, "--quiet",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
    }

    @Test("Calibrating against RecBole files writes a valid scenario and the report")
    func calibrate() throws {
        let folder = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try simulatedDataset(in: folder)
        let scenario = folder.appendingPathComponent("fitted.yaml")
        let report = folder.appendingPathComponent("report")
        let outcome = try MetarecProcess.run([
            "calibrate", "--against", folder.appendingPathComponent("data").path, "--name", "small", "--family",
            "ecommerce",
            "--out", scenario.path, "--report", report.path, "--threads", "2",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("interactions per user"))
        let validation = try MetarecProcess.run(["validate", scenario.path])
        #expect(validation.status == 0, "\(validation.standardOutput)")
        let yaml = try String(contentsOf: scenario, encoding: .utf8)
        #expect(yaml.contains("name: small-calibrated"))
        #expect(yaml.contains("  users: 150"))
        #expect(yaml.contains("  rating_thresholds: ["))
        let markdown = try String(contentsOf: report.appendingPathComponent("calibration.md"), encoding: .utf8)
        #expect(markdown.contains("| interactions per user |"))
        #expect(markdown.contains("KS"))
        let workbook = try #require(XlsxContents(Data(contentsOf: report.appendingPathComponent("calibration.xlsx"))))
        #expect(workbook.sheetNames == ["Calibration", "Parameters"])
        let cells = workbook.cells(of: "Calibration")
        #expect(cells["A1"] == "statistic")
        #expect(cells["A2"] == "interactions per user")
        #expect(cells["B2"] == "KS")
        #expect(workbook.cells(of: "Parameters")["A2"] == "users")
    }

    @Test("Bad input exits 2 and names what is wrong")
    func badInput() throws {
        let folder = MetarecProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out.yaml").path
        let missing = try MetarecProcess.run([
            "calibrate", "--against", folder.appendingPathComponent("nowhere").path, "--name", "x", "--family", "video",
            "--out", out,
        ])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("nowhere: no such directory"))

        let noFile = try MetarecProcess.run([
            "calibrate", "--against", folder.path, "--name", "absent", "--family", "news", "--out", out,
        ])
        #expect(noFile.status == 2)
        #expect(noFile.standardError.contains("absent.inter: no such file"))

        let movieLens = try MetarecProcess.run([
            "calibrate", "--against", folder.path, "--format", "movielens-100k", "--family", "video", "--out", out,
        ])
        #expect(movieLens.status == 2)
        #expect(movieLens.standardError.contains("u.user: no such file"), "\(movieLens.standardError)")
        let unnamed = try MetarecProcess.run(["calibrate", "--against", folder.path, "--family", "video", "--out", out])
        #expect(unnamed.status == 2)
        #expect(unnamed.standardError.contains("--name is required"), "\(unnamed.standardError)")

        let bad = folder.appendingPathComponent("bad.inter")
        try Data("user_id:token\titem_id:token\trating:float\ttimestamp:float\n1\t2\t4\t9\n1\t3\tfour\t10\n".utf8)
            .write(to: bad)
        let malformed = try MetarecProcess.run([
            "calibrate", "--against", folder.path, "--name", "bad", "--family", "ecommerce", "--out", out,
        ])
        #expect(malformed.status == 2)
        #expect(malformed.standardError.contains("bad.inter:3"), "\(malformed.standardError)")

        let tiny = folder.appendingPathComponent("tiny.inter")
        try Data("user_id:token\titem_id:token\trating:float\n1\t2\t4\n2\t3\t5\n".utf8).write(to: tiny)
        let small = try MetarecProcess.run([
            "calibrate", "--against", folder.path, "--name", "tiny", "--family", "ecommerce", "--out", out,
            "--time-field", "none",
        ])
        #expect(small.status == 2)
        #expect(
            small.standardError.contains("tiny.inter: has 2 users and 2 items; calibration needs at least 10 of each"),
            "\(small.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let family = try MetarecProcess.run([
            "calibrate", "--against", folder.path, "--name", "tiny", "--family", "music", "--out", out,
        ])
        #expect(family.status == 2)
        let suffix = try MetarecProcess.run([
            "calibrate", "--against", folder.path, "--name", "tiny", "--family", "news", "--out",
            folder.appendingPathComponent("out.txt").path,
        ])
        #expect(suffix.status == 2)
        #expect(suffix.standardError.contains("--out must name a .yaml file"))
    }
}
