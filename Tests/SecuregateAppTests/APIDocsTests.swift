import Foundation
import HTTPTypes
import SecuregateAPI
import SecuregateTestSupport
import Testing

/// `/docs`: every operation of `/openapi.json` is on the page with its parameters, bodies, examples and errors,
/// our additions are marked, and `/` links to it; then the same pages in Chromium.
struct APIDocsTests {
    @Test func theReferenceListsEveryOperationOfTheDocument() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let document = try await client.call(.get, "/openapi.json", key: nil).json
                let page = try await client.call(.get, "/docs", key: nil)
                #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'self'") == true)
                let html = String(buffer: page.body)
                var operations = 0
                var additions = 0
                for (path, item) in document["paths"]?.objectValue?.members ?? [] {
                    for (method, operation) in item.objectValue?.members ?? [] {
                        operations += 1
                        let id = operation["operationId"]?.stringValue ?? "?"
                        guard let start = html.range(of: #"<article class="operation card" id="op-\#(id)">"#) else {
                            Issue.record("no article for \(id)")
                            continue
                        }
                        let article = String(html[start.upperBound...].prefix { _ in true }.split(separator: "</article>", maxSplits: 1)[0])
                        #expect(article.contains(#"<span class="method method-\#(method.uppercased())">\#(method.uppercased())</span>"#), "\(id)")
                        #expect(article.contains("<code class=\"path\">\(path)</code>"), "\(id)")
                        let isAddition = operation["x-securegate-addition"] == true
                        additions += isAddition ? 1 : 0
                        #expect(article.contains(#"<span class="badge">addition</span></h3>"#) == isAddition, "\(id) marked as it is")
                        for status in (operation["responses"]?.objectValue?.members ?? []).map(\.key) where !status.hasPrefix("2") {
                            #expect(article.contains("<strong>\(status)</strong>"), "\(id) lists its \(status)")
                        }
                        if !(operation["parameters"]?.arrayValue ?? []).isEmpty {
                            #expect(article.contains(#"<h4>Parameters</h4>\#n<div class="table-scroll"><table>"#), "\(id) has its parameters' table")
                        }
                        for parameter in operation["parameters"]?.arrayValue ?? [] {
                            #expect(article.contains("<td><code>\(parameter["name"]?.stringValue ?? "?")</code></td>"), "\(id)")
                        }
                        if operation["requestBody"]?["content"]?["application/json"] != nil {
                            #expect(article.contains("Example request"), "\(id) has an example body")
                            #expect(article.contains(#"<th scope="col">Field</th>"#), "\(id) has its body's fields' table")
                        }
                    }
                }
                #expect(operations > 30 && additions > 10 && additions < operations)
                #expect(html.contains("\(operations) operations"))
                for schema in (document["components"]?["schemas"]?.objectValue?.members ?? []).map(\.key) {
                    #expect(html.contains(#"id="schema-\#(schema)""#), "schema \(schema)")
                }
                // The event's example body is valid JSON with the fields the API takes.
                let event = try #require(html.range(of: #"id="op-create_event_events_post""#))
                let block = try #require(html[event.upperBound...].range(of: "<pre><code>"))
                let end = try #require(html[block.upperBound...].range(of: "</code></pre>"))
                let example = String(html[block.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
                let parsed = try PythonJSONParser.parse(Array(example.utf8))
                #expect(parsed["title"] != nil && parsed["start_timestamp"] != nil, "\(example)")

                let home = try await client.call(.get, "/", key: nil)
                #expect(home.status == .ok && String(buffer: home.body).contains(#"<a href="/docs">API reference</a>"#))
                #expect(try await client.call(.post, "/docs", key: nil).status == .methodNotAllowed)
            }
        }
    }

    @Test func thePagesInABrowser() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("securegate-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess(database: "sqlite:\(directory.path)/docs.db")
        defer { server.process.terminate() }
        let seen = try await InviteePageBrowserTests.drive(
            "docs_page", ["http://127.0.0.1:\(server.port)", InviteePageBrowserTests.screenshots.path]
        )
        #expect(seen["path"] == "/docs" && seen["h1"] == ["API reference"])
        #expect(seen["operations"]?.arrayValue.count ?? 0 > 30)
        #expect(seen["additions"]?.arrayValue.contains("op-get_checkins_events__event_id__checkins_get") == true)
        #expect(seen["foreign_resources"] == [], "nothing from another origin")
        #expect(seen["example_is_json"] == true)
        for page in ["home", "docs"] {
            #expect(seen["accessibility"]?[page] == [], "\(page): \(seen["accessibility"]?[page] ?? .null)")
            #expect(seen["overflow_320"]?[page] == false, "\(page) fits 320 px")
        }
        try await server.stop(with: SIGTERM)
    }
}
