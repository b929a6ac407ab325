// swift-tools-version:6.1
import PackageDescription

/// Varde: the follow-up centre console. Layers are separate targets and import only the
/// layers above them (see ../shared/design/architecture.md): Domain ← Store ← Service ← Sync
/// ← Terminal ← Console; Sim uses Domain and Service; `varde` wires everything.
let package = Package(
    name: "Varde",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "varde", targets: ["varde"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(name: "CCurses", path: "Sources/CCurses",
                linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "CCurl", path: "Sources/CCurl",
                linkerSettings: [.linkedLibrary("curl")]),
        .target(name: "VardeDomain", path: "Sources/Domain"),
        .target(name: "VardeStore", dependencies: [
            "VardeDomain", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ], path: "Sources/Store"),
        .target(name: "VardeConfig", dependencies: [
            "VardeDomain", .product(name: "TOMLKit", package: "TOMLKit"),
        ], path: "Sources/Config"),
        .target(name: "VardeService", dependencies: ["VardeDomain", "CCurl"], path: "Sources/Service"),
        .target(name: "VardeAuth", dependencies: [
            "VardeDomain", "VardeService", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ], path: "Sources/Auth"),
        .target(name: "VardeSync", dependencies: ["VardeDomain", "VardeStore", "VardeService"],
                path: "Sources/Sync"),
        .target(name: "VardeTerminal", dependencies: ["CCurses"], path: "Sources/Terminal"),
        .target(name: "VardeConsole", dependencies: [
            "VardeDomain", "VardeStore", "VardeTerminal",
        ], path: "Sources/Console"),
        .target(name: "VardeSim", dependencies: [
            "VardeDomain", "VardeService", "VardeAuth", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HeapModule", package: "swift-collections"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ], path: "Sources/Sim"),
        .executableTarget(name: "varde", dependencies: [
            "VardeDomain", "VardeStore", "VardeService", "VardeSync", "VardeTerminal",
            "VardeConsole", "VardeSim", "VardeConfig", "VardeAuth",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/varde"),

        .target(name: "TestSupport", dependencies: ["VardeDomain", "VardeService", "VardeSim"], path: "Tests/Support"),
        .executableTarget(name: "varde-bench", dependencies: [
            "VardeDomain", "VardeStore", "VardeService", "VardeSync", "VardeSim", "VardeTerminal", "VardeConsole",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/Bench"),
        .testTarget(name: "DomainTests", dependencies: [
            "VardeDomain", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "AuthTests", dependencies: [
            "VardeDomain", "VardeService", "VardeAuth", "VardeSim", "TestSupport",
        ]),
        .testTarget(name: "ConfigTests", dependencies: ["VardeDomain", "VardeConfig"]),
        .testTarget(name: "StoreTests", dependencies: ["VardeDomain", "VardeStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ServiceTests", dependencies: ["VardeDomain", "VardeService", "VardeSim", "TestSupport"]),
        .testTarget(name: "SyncTests", dependencies: [
            "VardeDomain", "VardeStore", "VardeService", "VardeSync", "VardeSim", "TestSupport",
        ], resources: [.copy("Replay")]),
        .testTarget(name: "ConsoleTests", dependencies: [
            "VardeDomain", "VardeStore", "VardeService", "VardeSync", "VardeTerminal", "VardeConsole", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "varde", "VardeDomain", "VardeStore", "VardeService", "VardeSim", "VardeAuth", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
