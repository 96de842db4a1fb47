using PushChat.Internal.Http;
using PushChat.Internal.WebSockets;
using static PushChat.Tests.Http.ParserHarness;

namespace PushChat.Tests.WebSockets;

/// <summary>The opening handshake's checks (RFC 6455, section 4.2.1) and the Origin rule against cross-site WebSocket hijacking.</summary>
[TestClass]
public sealed class WebSocketUpgradeTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    [TestMethod]
    public void A_valid_upgrade_without_origin_is_accepted_and_answered_with_the_keys_accept()
    {
        var request = Upgrade();

        Assert.IsNull(WebSocketUpgrade.Refusal(request));
        var head = System.Text.Encoding.ASCII.GetString(WebSocketUpgrade.SwitchingProtocols(request).EncodeSwitchingProtocols(WebSocketUpgrade.ProtocolName));
        StringAssert.Contains(head, "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
    }

    [TestMethod]
    [DataRow("http://chat.example:8080", false, DisplayName = "same http origin")]
    [DataRow("HTTP://Chat.Example:8080", false, DisplayName = "same origin, other case")]
    [DataRow("https://chat.example:8080", true, DisplayName = "same host over https when the request is https")]
    public void The_chats_own_origin_is_accepted(string origin, bool https)
    {
        var request = Upgrade($"Origin: {origin}\r\n");
        request.IsHttps = https;

        Assert.IsNull(WebSocketUpgrade.Refusal(request));
    }

    [TestMethod]
    public void The_default_port_of_the_scheme_matches_a_host_without_port()
    {
        var request = Upgrade("Origin: https://chat.example\r\n", host: "chat.example:443");
        request.IsHttps = true;

        Assert.IsNull(WebSocketUpgrade.Refusal(request));
    }

    [TestMethod]
    [DataRow("http://evil.example:8080", DisplayName = "another site")]
    [DataRow("http://chat.example:9090", DisplayName = "another port")]
    [DataRow("https://chat.example:8080", DisplayName = "another scheme")]
    [DataRow("null", DisplayName = "an opaque origin")]
    [DataRow("http://chat.example:8080/path", DisplayName = "not an origin")]
    public void Another_origin_is_refused_with_403_saying_why(string origin)
    {
        var refusal = WebSocketUpgrade.Refusal(Upgrade($"Origin: {origin}\r\n"));

        Assert.AreEqual(403, refusal?.StatusCode);
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(refusal!.Body), "another site");
    }

    [TestMethod]
    public void Two_origins_are_refused()
    {
        Assert.AreEqual(403, WebSocketUpgrade.Refusal(Upgrade("Origin: http://chat.example:8080\r\nOrigin: http://evil.example\r\n"))?.StatusCode);
    }

    [TestMethod]
    public void Another_method_is_refused_with_405()
    {
        var refusal = WebSocketUpgrade.Refusal(Upgrade(method: "POST"));

        Assert.AreEqual(405, refusal?.StatusCode);
        StringAssert.Contains(Head(refusal!), "Allow: GET\r\n");
    }

    [TestMethod]
    public void Http_1_0_is_refused_with_400()
    {
        Assert.AreEqual(400, WebSocketUpgrade.Refusal(Upgrade(version: "HTTP/1.0"))?.StatusCode);
    }

    [TestMethod]
    [DataRow("Upgrade: websocket\r\n", DisplayName = "no Connection: upgrade")]
    [DataRow("Connection: Upgrade\r\n", DisplayName = "no Upgrade: websocket")]
    [DataRow("Connection: Upgrade\r\nUpgrade: h2c\r\n", DisplayName = "another protocol")]
    public void A_request_that_does_not_ask_for_websocket_gets_426_naming_it(string upgradeHeaders)
    {
        var refusal = WebSocketUpgrade.Refusal(Upgrade(upgradeHeaders: upgradeHeaders));

        Assert.AreEqual(426, refusal?.StatusCode);
        StringAssert.Contains(Head(refusal!), "Upgrade: websocket\r\n");
    }

    [TestMethod]
    public void A_connection_header_listing_upgrade_among_others_is_accepted()
    {
        Assert.IsNull(WebSocketUpgrade.Refusal(Upgrade(upgradeHeaders: "Connection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n")));
    }

    [TestMethod]
    [DataRow("8", DisplayName = "an older draft")]
    [DataRow("", DisplayName = "empty")]
    [DataRow(null, DisplayName = "missing")]
    public void Another_protocol_version_gets_426_naming_13(string? version)
    {
        var refusal = WebSocketUpgrade.Refusal(Upgrade(wsVersion: version));

        Assert.AreEqual(426, refusal?.StatusCode);
        StringAssert.Contains(Head(refusal!), "Sec-WebSocket-Version: 13\r\n");
    }

    [TestMethod]
    [DataRow("dGhlIHNhbXBsZQ==", DisplayName = "8 bytes")]
    [DataRow("not base64 at all!!!!!!!", DisplayName = "not base64")]
    [DataRow(null, DisplayName = "missing")]
    public void A_bad_key_gets_400(string? key)
    {
        Assert.AreEqual(400, WebSocketUpgrade.Refusal(Upgrade(key: key))?.StatusCode);
    }

    [TestMethod]
    public void Refusals_close_the_connection()
    {
        Assert.IsTrue(WebSocketUpgrade.Refusal(Upgrade(key: null))!.CloseConnection);
    }

    private static string Head(HttpResponse response) =>
        System.Text.Encoding.ASCII.GetString(response.Encode(HttpVersion.Http11, keepAlive: false, headOnly: true));

    private static HttpRequest Upgrade(
        string extra = "",
        string method = "GET",
        string version = "HTTP/1.1",
        string upgradeHeaders = "Connection: Upgrade\r\nUpgrade: websocket\r\n",
        string? wsVersion = "13",
        string? key = Key,
        string host = "chat.example:8080")
    {
        var raw = $"{method} /ws {version}\r\nHost: {host}\r\n{upgradeHeaders}"
            + (wsVersion is null ? "" : $"Sec-WebSocket-Version: {wsVersion}\r\n")
            + (key is null ? "" : $"Sec-WebSocket-Key: {key}\r\n")
            + extra + (method == "GET" ? "" : "Content-Length: 0\r\n") + "\r\n";
        return ParseWhole(raw);
    }
}
