import Foundation
import SecuregateAPI
@testable import SecuregateApp
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Invitations by SMS, through a loopback gateway that speaks Twilio's Messages API: the form it receives,
/// basic auth, throttling with `Retry-After`, and numbers it refuses or that cannot be numbers.
struct SMSDeliveryTests {
    @Test(arguments: StoreBackend.available)
    func smsReachesTheGatewayAndItsRefusalsAndThrottlingAreHonoured(_ backend: StoreBackend) async throws {
        let gateway = TestSMSGateway()
        try await gateway.run { port in
            try await TestEnvironment.with(backend) { env in
                try await env.withClient { client in
                    let event = try await client.call(.post, "/events", key: env.keyA, body: SMTPDeliveryTests.event).string("id") ?? ""
                    let body = #"{"invites":["#
                        + [("ok", "07700 900-123"), ("refused", "7700900999"), ("throttled", "7700900555"), ("words", "call me")]
                        .map { #"{"first_name":"\#($0.0)","last_name":"L","email":"\#($0.0)@x.io","country_code":"44","mobile_number":"\#($0.1)","authentication_method":"QR Code"}"# }
                        .joined(separator: ",") + "]}"
                    let invites = try await client.call(.post, "/events/\(event)/invites?notify=2", key: env.keyA, body: body).json.arrayValue
                    let id = { (index: Int) in invites[index]["id"]?.stringValue ?? "" }
                    gateway.queue(.init(status: .badRequest, code: 21211, message: "The 'To' number is not a valid phone number."), for: "+447700900999")
                    gateway.queue(.init(status: .tooManyRequests, retryAfter: "120", code: 20429, message: "Too Many Requests"), for: "+447700900555")

                    let settings = try #require(SMSGatewaySettings(url: "http://AC0123:s3cret@127.0.0.1:\(port)", from: "+15005550006"))
                    let sms = SMSTransport(settings: settings, templates: try await MessageTemplates(), time: env.time)
                    let transport = ChannelTransport([.sms: sms], fallback: LogTransport(logger: TestEnvironment.quietLogger))
                    let dispatcher = OutboxDispatcher(store: env.store, transport: transport, time: env.time)
                    // Four emails to the log; SMS: one accepted, one refused, one throttled, one not a number.
                    #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(delivered: 5, retrying: 1, failed: 2))

                    let accepted = try #require(gateway.requests.first { $0.fields["To"] == "+447700900123" })
                    #expect(accepted.path == "/2010-04-01/Accounts/AC0123/Messages.json")
                    #expect(accepted.authorization == "Basic \(Data("AC0123:s3cret".utf8).base64EncodedString())")
                    #expect(accepted.contentType == "application/x-www-form-urlencoded")
                    #expect(accepted.fields["From"] == "+15005550006")
                    let code = invites[0]["session_code"]?.stringValue ?? "?"
                    #expect(accepted.fields["Body"] == "Invitation: Lancement à Paris, Sunday 17 March 2030 18:00 (UTC+00:00). Entry code: \(code)")
                    #expect(try await client.call(.get, "/invites/\(id(0))", key: env.keyA).json["status"] == "sent")

                    let message = { (index: Int) async throws -> JSONValue? in
                        try await client.call(.get, "/invites/\(id(index))/messages", key: env.keyA).json.arrayValue.first { $0["channel"] == "sms" }
                    }
                    let refused = try await message(1)
                    #expect(refused?["state"] == "failed")
                    #expect(refused?["last_error"] == "HTTP 400: The 'To' number is not a valid phone number. (code 21211)")
                    let words = try await message(3)
                    #expect(words?["state"] == "failed" && words?["recipient"] == "+44 call me")
                    #expect(words?["last_error"] == "not a phone number: +44 call me")
                    #expect(gateway.requests.allSatisfy { $0.fields["To"] != "+44 call me" }, "never sent to the gateway")
                    for index in [1, 3] {
                        #expect(try await client.call(.get, "/invites/\(id(index))", key: env.keyA).json["status"] == "pending")
                    }

                    // Throttled: not before the gateway's two minutes, then once.
                    #expect(try await message(2)?["last_error"] == "HTTP 429: Too Many Requests (code 20429)")
                    env.time.advance(by: 119)
                    #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome())
                    env.time.advance(by: 1)
                    #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(delivered: 1))
                    let throttled = try await message(2)
                    #expect(throttled?["state"] == "delivered" && throttled?["attempts"] == 2)
                    #expect(gateway.requests.filter { $0.fields["To"] == "+447700900555" }.count == 2)
                    try await sms.shutdown()
                }
            }
        }
    }

    @Test func aGatewayThatIsDownIsRetriedAndAMessagingServiceIsNamedAsSuch() async throws {
        let port = try ServerProcess.freePort()
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA, query: "notify=2")[0]
                let service = "MG" + String(repeating: "1", count: 32)
                var settings = try #require(SMSGatewaySettings(url: "http://AC1:t@127.0.0.1:\(port)/", from: service))
                // The client tries a refused connection again until this runs out.
                settings.connectTimeoutSeconds = 1
                let sms = SMSTransport(settings: settings, templates: try await MessageTemplates(), time: env.time)
                let dispatcher = OutboxDispatcher(
                    store: env.store, transport: ChannelTransport([.sms: sms], fallback: LogTransport(logger: TestEnvironment.quietLogger)),
                    time: env.time
                )
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(delivered: 1, retrying: 1))
                let id = invite["id"]?.stringValue ?? ""
                let message = try #require(try await env.store.messages(inviteID: id).first { $0.channel == .sms })
                #expect(message.state == .queued && message.lastError?.hasPrefix("the SMS gateway did not answer") == true)

                let gateway = TestSMSGateway()
                try await gateway.run(port: port) { _ in
                    env.time.advance(by: 3600)
                    let outcome = try await dispatcher.runOnce()
                    #expect(outcome == OutboxDispatcher.Outcome(delivered: 1))
                }
                #expect(gateway.requests.count == 1)
                #expect(gateway.requests.first?.fields["MessagingServiceSid"] == service)
                #expect(gateway.requests.first?.fields["From"] == nil)
                try await sms.shutdown()
            }
        }
    }

    @Test func gatewayURLsNumbersAndRetryAfter() throws {
        let hosted = try #require(SMSGatewaySettings(url: "https://AC%2Fx:tok%40en@api.example.com/sms/", from: "+15005550006"))
        #expect(hosted.endpoint == "https://api.example.com/sms/2010-04-01/Accounts/AC%2Fx/Messages.json")
        #expect(hosted.accountSID == "AC/x" && hosted.authToken == "tok@en")
        #expect(!hosted.description.contains("tok"))
        #expect(SMSGatewaySettings(url: "https://api.example.com", from: "x") == nil, "no account or token")
        #expect(SMSGatewaySettings(url: "ftp://a:b@api.example.com", from: "x") == nil)

        // Separators go, and so does a national trunk prefix; `+` is international; Cayman is +1 345.
        #expect(PhoneNumber(countryCode: .unitedKingdom, mobileNumber: "07700 900.123")?.e164 == "+447700900123")
        #expect(PhoneNumber(countryCode: .unitedKingdom, mobileNumber: "7700 900123")?.e164 == "+447700900123")
        #expect(PhoneNumber(countryCode: .australia, mobileNumber: "0412 345 678")?.e164 == "+61412345678")
        #expect(PhoneNumber(countryCode: .northAmerica, mobileNumber: "(202) 555-0143")?.e164 == "+12025550143")
        #expect(PhoneNumber(countryCode: .northAmerica, mobileNumber: "1-202-555-0143")?.e164 == "+12025550143")
        #expect(PhoneNumber(countryCode: .caymanIslands, mobileNumber: "916-1234")?.e164 == "+13459161234")
        #expect(PhoneNumber(countryCode: .caymanIslands, mobileNumber: "345 916 1234")?.e164 == "+13459161234")
        #expect(PhoneNumber(countryCode: .caymanIslands, mobileNumber: "91612") == nil)
        #expect(PhoneNumber(countryCode: .india, mobileNumber: "+33 6 12 34 56 78")?.e164 == "+33612345678")
        #expect(PhoneNumber(countryCode: .india, mobileNumber: "98765432101234567") == nil, "over 15 digits")
        #expect(PhoneNumber(countryCode: .india, mobileNumber: "9+8") == nil)
        #expect(PhoneNumber(countryCode: .india, mobileNumber: "98x7654321") == nil)
        #expect(PhoneNumber(countryCode: .india, mobileNumber: "") == nil)
        #expect(PhoneNumber(e164: "+0123456789") == nil && PhoneNumber(e164: "4477009000") == nil)

        // Retry-After: seconds, or an HTTP date (a past one is now).
        let now = Date(timeIntervalSince1970: 1_767_225_600)  // Thu, 01 Jan 2026 00:00:00 GMT
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds("Thu, 01 Jan 2026 00:05:00 GMT", now: now) == 300)
        #expect(RetryAfter.seconds("Wed, 31 Dec 2025 23:00:00 GMT", now: now) == 0)
        #expect(RetryAfter.seconds("soon", now: now) == nil && RetryAfter.seconds("-5", now: now) == nil)
    }
}
