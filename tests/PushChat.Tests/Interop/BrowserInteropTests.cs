using PushChat.Tests.Browser;
using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Browser.ClassicFrames;

namespace PushChat.Tests.Interop;

/// <summary>
/// Chromium's own <c>EventSource</c> and <c>WebSocket</c> in a page of the chat, after a login
/// through the login page, beside a classic-frame user. The server's policy allows no inline
/// script, so the scripts run through WebDriver, which the policy does not govern; the
/// connections they open are still subject to it (<c>connect-src</c>).
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class BrowserInteropTests
{
    // Collects what the connection brings into window.pushChatSeen, the parsed JSON of each item or message.
    private const string OpenEventSource = """
        window.pushChatSeen = [];
        window.pushChatSource = new EventSource('/events?sid=' + encodeURIComponent(arguments[0]));
        window.pushChatSource.addEventListener('line', e => window.pushChatSeen.push(JSON.parse(e.data)));
        """;

    private const string OpenWebSocket = """
        window.pushChatSeen = [];
        const socket = new WebSocket('ws://' + location.host + '/ws?sid=' + encodeURIComponent(arguments[0]));
        socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', version: 1 }));
        socket.onmessage = e => window.pushChatSeen.push(JSON.parse(e.data));
        socket.onclose = e => window.pushChatSeen.push({ type: 'closed', code: e.code });
        window.pushChatSocket = socket;
        """;

    [TestMethod]
    public async Task Chromiums_EventSource_receives_a_classic_users_line()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var browser = ChromiumBrowser.Launch();
        LogIn(browser, chat, "eve");
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var _ = annChat;

        browser.LeaveFrames();
        browser.Script(OpenEventSource, SessionOf(browser));
        browser.Until("the stream's opening", () => browser.Script("return window.pushChatSource.readyState") is 1L);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "hello <EventSource>")).Status);

        browser.Until("ann's line from the event stream", () => Seen(browser, "line", "ann", "hello <EventSource>"));
    }

    [TestMethod]
    public async Task Chromiums_WebSocket_receives_a_classic_users_line_and_sends_one()
    {
        ChromiumBrowser.RequireInstalled();
        await using var chat = await ChatTestServer.StartAsync();
        using var browser = ChromiumBrowser.Launch();
        LogIn(browser, chat, "eve");
        var (ann, annChat) = await chat.EnterAsync("ann");
        await using var _ = annChat;

        browser.LeaveFrames();
        browser.Script(OpenWebSocket, SessionOf(browser));
        browser.Until("the welcome or the socket's close", () => browser.Script("return window.pushChatSeen.some(m => m.type === 'welcome' || m.type === 'closed')") is true);
        var seen = browser.Script("return JSON.stringify(window.pushChatSeen)") as string;
        Assert.IsTrue(browser.Script("return window.pushChatSeen.some(m => m.type === 'welcome' && m.user === 'eve')") is true, seen);
        Assert.AreEqual(303, (await chat.SayAsync(ann, "hello WebSocket")).Status);
        browser.Until("ann's line over the WebSocket", () => Seen(browser, "line", "ann", "hello WebSocket"));

        browser.Script("window.pushChatSocket.send(JSON.stringify({ type: 'say', text: 'hello from chromium', id: 7 }));");
        browser.Until("the answer to the say", () => browser.Script("return window.pushChatSeen.some(m => m.type === 'ok' && m.id === 7)") is true);
        await annChat.ReadStreamUntilAsync("hello from chromium");
        Assert.IsFalse(browser.Script("return window.pushChatSeen.some(m => m.type === 'closed')") is true, "the socket stays open");
    }

    /// <summary>The session id of the frameset the browser shows, from its address.</summary>
    private static string SessionOf(ChromiumBrowser browser)
    {
        var query = System.Web.HttpUtility.ParseQueryString(browser.TopUrl.Query);
        return query[ChatRoutes.SessionParameter] ?? throw new AssertFailedException("no session in " + browser.TopUrl);
    }

    private static bool Seen(ChromiumBrowser browser, string type, string from, string text) =>
        browser.Script("return window.pushChatSeen.some(m => m.type === arguments[0] && m.from === arguments[1] && m.text === arguments[2])", type, from, text) is true;
}
