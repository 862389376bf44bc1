// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Securegate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "securegate", targets: ["securegate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // The domain: models, rules, services and the store protocol. Foundation only.
        .target(
            name: "SecuregateCore",
            swiftSettings: swiftSettings
        ),
        // The API layer: model declarations that drive validation (pydantic's errors), encoding and OpenAPI.
        .target(
            name: "SecuregateAPI",
            dependencies: ["SecuregateCore"],
            swiftSettings: swiftSettings
        ),
        // Storage: the SQLKit store (SQLite embedded default) and schema migrations.
        .target(
            name: "SecuregateStore",
            dependencies: [
                "SecuregateCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // libqrencode (Debian's libqrencode-dev), and the QR codes the door scans, drawn as PNG or SVG and read back.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // ZBar (Debian's libzbar-dev), which reads the QR codes of the door's camera frames.
        .systemLibrary(name: "CZBar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),
        .target(
            name: "SecuregateQR",
            dependencies: ["CQRencode", "CZBar"],
            swiftSettings: swiftSettings
        ),
        // Faces: dlib (Debian's libdlib-dev) behind a small C API. dlib's detector and network are templates
        // compiled into this target, so it is optimized even in debug builds (at -O0 one photo takes minutes);
        // DEBUG is undefined because it turns on dlib's asserts, which the packaged library was built without.
        .target(
            name: "CFaceEngine",
            cxxSettings: [.unsafeFlags(["-O2", "-UDEBUG", "-DNDEBUG"])],
            linkerSettings: [
                .linkedLibrary("dlib"), .linkedLibrary("blas"), .linkedLibrary("lapack"),
                .linkedLibrary("jpeg"), .linkedLibrary("png"),
            ]
        ),
        // The face engine the domain's `FaceEngine` protocol names, over CFaceEngine.
        .target(
            name: "SecuregateFace",
            dependencies: ["SecuregateCore", "CFaceEngine"],
            swiftSettings: swiftSettings
        ),
        // The people's pages (the invitee's, the API reference), over the domain's services: Mustache templates and our own CSS,
        // compiled into the binary, served with security headers.
        .target(
            name: "SecuregatePages",
            dependencies: [
                "SecuregateCore",
                "SecuregateAPI",
                "SecuregateQR",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            ],
            resources: [.embedInCode("Templates"), .embedInCode("Assets")],
            swiftSettings: swiftSettings
        ),
        // The version, and the commit and date of the build, written before each build by the plugin below.
        .target(
            name: "SecuregateBuildInfo",
            swiftSettings: swiftSettings,
            plugins: ["BuildInfoPlugin"]
        ),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        // The HTTP application: routes, middleware, the delivery worker.
        .target(
            name: "SecuregateApp",
            dependencies: [
                "SecuregateCore",
                "SecuregateAPI",
                "SecuregateStore",
                "SecuregateQR",
                "SecuregateFace",
                "SecuregatePages",
                "SecuregateBuildInfo",
                "CSMTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The messages' default templates, compiled into the binary so that it runs from anywhere;
            // `--templates DIR` overrides any of them.
            resources: [.embedInCode("Templates")],
            swiftSettings: swiftSettings
        ),
        // Mail over SMTP with libcurl (Debian's libcurl4-openssl-dev), behind a small C API: libcurl's options are
        // set through a variadic function, which Swift cannot call.
        .target(
            name: "CSMTP",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // glibc's malloc arena limit, which Swift's Glibc module does not export.
        .target(name: "CMallocTuning"),
        // The command-line tool: `securegate serve`, `securegate keys …`.
        .executableTarget(
            name: "securegate",
            dependencies: [
                "SecuregateApp",
                "SecuregateStore",
                "SecuregateCore",
                "SecuregateFace",
                "SecuregateBuildInfo",
                "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Face figures: matching against 10 000 enrolled faces, and the engine per photo (scripts/bench/run).
        .executableTarget(
            name: "face-benchmark",
            dependencies: ["SecuregateCore", "SecuregateFace"],
            path: "Benchmarks/FaceBenchmark",
            swiftSettings: swiftSettings
        ),
        // The door's figures: decoding a camera frame and reading its QR code (scripts/bench/frames).
        .executableTarget(
            name: "frame-benchmark",
            dependencies: ["SecuregateFace", "SecuregateQR"],
            path: "Benchmarks/FrameBenchmark",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecuregateCoreTests",
            dependencies: ["SecuregateCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecuregateAPITests",
            dependencies: ["SecuregateAPI", "SecuregateCore"],
            swiftSettings: swiftSettings
        ),
        // What the test targets share: the backends every suite runs on, each with a fresh database.
        .target(
            name: "SecuregateTestSupport",
            dependencies: [
                "SecuregateStore",
                "SecuregateCore",
                "SecuregateFace",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SecuregateTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecuregateStoreTests",
            dependencies: ["SecuregateStore", "SecuregateCore", "SecuregateTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecuregateFaceTests",
            dependencies: ["SecuregateFace", "SecuregateCore", "SecuregateTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SecuregateAppTests",
            dependencies: [
                "SecuregateApp",
                "SecuregateStore",
                "SecuregateCore",
                "SecuregateAPI",
                "SecuregateTestSupport",
                "SecuregateFace",
                "SecuregateQR",
                "SecuregatePages",
                "SecuregateBuildInfo",
                "CFaceEngine",
                // Built for the durability tests, which run the real server and kill it.
                "securegate",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
    ],
    cxxLanguageStandard: .cxx17
)
