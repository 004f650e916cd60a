import Domain
import Persistence
import Testing
import Web

@testable import Services

@Suite struct ConfigurationTests {
    @Test func defaultsServeOnSQLite() throws {
        let configuration = try AppConfiguration.load(environment: [:])
        #expect(configuration.database == .sqliteFile(path: "./var/motcua.sqlite"))
        #expect(configuration.bcryptCost == 12)
        #expect(!configuration.usesSecureCookies)
        #expect(configuration.officeHours == .standard)
        #expect(configuration.storageReserveBytes == 64 << 20)
    }

    @Test func everyProblemIsListedAtOnce() {
        #expect {
            _ = try AppConfiguration.load(environment: [
                "DATABASE_URL": "mysql://x", "MOTCUA_BCRYPT_COST": "3", "MOTCUA_TIME_ZONE": "Mars/Olympus",
                "MOTCUA_OFFICE_HOURS": "17:00-08:00", "MOTCUA_SECRET": "short", "MOTCUA_STORAGE_RESERVE_MB": "-1",
            ])
        } throws: { error in
            (error as? AppConfiguration.Problems)?.messages.count == 6
        }
    }

    @Test func aPostgresURLAndHTTPSAreUnderstood() throws {
        let configuration = try AppConfiguration.load(environment: [
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/motcua", "MOTCUA_PUBLIC_URL": "https://motcua.hanoi.gov.vn",
        ])
        #expect(configuration.database == .postgres(url: "postgres://u:p@127.0.0.1:5432/motcua"))
        #expect(configuration.usesSecureCookies)
        #expect(!configuration.database.redacted.contains("p@"))
    }

    @Test func aReplicaServesReportsOnlyBehindAPostgresPrimary() throws {
        let configuration = try AppConfiguration.load(environment: [
            "DATABASE_URL": "postgres://u:p@10.0.0.1:5432/motcua", "DATABASE_REPLICA_URL": "postgres://u:p@10.0.0.2:5432/motcua",
        ])
        #expect(
            configuration.database
                == .postgres(url: "postgres://u:p@10.0.0.1:5432/motcua", replicaURL: "postgres://u:p@10.0.0.2:5432/motcua"))
        #expect(configuration.database.redacted == "PostgreSQL 10.0.0.1:5432/motcua, reports from the replica 10.0.0.2:5432/motcua")
        for environment in [
            ["DATABASE_REPLICA_URL": "postgres://u@10.0.0.2/motcua"],
            ["DATABASE_URL": "postgres://u@10.0.0.1/motcua", "DATABASE_REPLICA_URL": "mysql://u@10.0.0.2/motcua"],
        ] {
            #expect {
                _ = try AppConfiguration.load(environment: environment)
            } throws: { error in
                (error as? AppConfiguration.Problems)?.messages.first?.contains("DATABASE_REPLICA_URL") == true
            }
        }
    }
}
