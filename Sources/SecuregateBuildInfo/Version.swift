/// The server's version, shown by `GET /version`, `securegate --version` and the OpenAPI document.
public let securegateVersion = "0.1.0"
