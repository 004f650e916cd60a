import ArgumentParser

/// The `motcua` command: serve the product and administer it.
@main
struct MotCua: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motcua",
        abstract: "MotCua — one-stop public services and administrative-reform indices.",
        subcommands: [Serve.self, Migrate.self, Seed.self, UserCommand.self, AuditCommand.self]
    )
}
