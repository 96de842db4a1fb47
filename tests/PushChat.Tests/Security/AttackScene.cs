using System.Net;
using PushChat.Tests.Infrastructure;
using PushChat.Users;

namespace PushChat.Tests.Security;

/// <summary>
/// A server with the default options (budgets and session cookies on, only the clock fake), an
/// attacker's loopback address whose every browser keeps its own cookies, and two users at other
/// addresses: vera, registered, reads the lobby's chat stream throughout, and sam talks to her.
/// </summary>
internal sealed class AttackScene : IAsyncDisposable
{
    public const string Password = "correct horse";

    public static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress VeraAddress = IPAddress.Parse("127.0.0.9");
    public static readonly IPAddress SamAddress = IPAddress.Parse("127.0.0.10");

    private static readonly TimeSpan SamPace = TimeSpan.FromSeconds(1.25);

    private readonly List<string> _samLines = new();
    private readonly List<RawHttpClient> _clients = new();

    private AttackScene(ChatTestServer chat, InMemoryUserStore users)
    {
        Chat = chat;
        Users = users;
    }

    public ChatTestServer Chat { get; }

    public InMemoryUserStore Users { get; }

    public string Vera { get; private set; } = string.Empty;

    public RawHttpClient VeraChat { get; private set; } = null!;

    public string Sam { get; private set; } = string.Empty;

    /// <summary>Starts the server (with a user store, so accounts exist) and brings vera and sam in.</summary>
    public static async Task<AttackScene> StartAsync(System.Diagnostics.Metrics.IMeterFactory? meters = null)
    {
        var users = new InMemoryUserStore();
        await users.CreateAsync(UserAccount.Create("vera", Password), default);
        await users.CreateAsync(UserAccount.Create("bob", Password), default);
        var chat = await ChatTestServer.StartAsync(o => o.UserStore = users, meters);
        var scene = new AttackScene(chat, users);
        scene.Vera = await chat.LoginAsync("vera", Password, VeraAddress);
        scene.VeraChat = await chat.OpenChatAsync(scene.Vera, "vera joined.", VeraAddress);
        scene._clients.Add(scene.VeraChat);
        scene.Sam = await chat.LoginAsync("sam", from: SamAddress);
        scene._clients.Add(await chat.OpenChatAsync(scene.Sam, "sam joined.", SamAddress));
        await scene.VeraChat.ReadStreamUntilAsync("sam joined.");
        return scene;
    }

    /// <summary>sam says a line (plain text, so it reads the same in the stream), which vera must receive; sam's address has its own line budget.</summary>
    public async Task SamSaysAsync(string what)
    {
        // sam talks at a person's pace: the flood filter allows five lines in five seconds.
        Chat.Time.Advance(SamPace);
        var line = $"sam line {_samLines.Count + 1}: {what}";
        Assert.AreEqual(WebUtility.HtmlEncode(line), line, "the stream escapes HTML; keep the line plain to find it there");
        var said = await Chat.SayAsync(Sam, line, SamAddress);
        Assert.AreEqual(303, said.Status, $"sam could not say '{line}': {said.Body}");
        _samLines.Add(line);
    }

    /// <summary>Every line sam said reached vera's stream, once each and in order.</summary>
    public async Task AssertVeraGotEverySamLineAsync(int expected)
    {
        Assert.HasCount(expected, _samLines);
        var text = await VeraChat.ReadStreamUntilAsync(_samLines[^1]);
        var at = 0;
        foreach (var line in _samLines)
        {
            var found = text.IndexOf(line, at, StringComparison.Ordinal);
            Assert.IsGreaterThanOrEqualTo(0, found, $"vera never got '{line}' (or got it out of order)");
            Assert.AreEqual(-1, text.IndexOf(line, found + line.Length, StringComparison.Ordinal), $"vera got '{line}' twice");
            at = found + line.Length;
        }

        Assert.IsNotNull(Chat.Server.Engine!.Sessions.Find(Vera), "vera's session went on throughout");
    }

    /// <summary>A new browser on the attacker's address: its own cookie jar, shared by its requests.</summary>
    public static CookieJar NewBrowser() => new();

    /// <summary>One request from the attacker's address as <paramref name="browser"/> (null: a client with no cookies at all).</summary>
    public async Task<RawResponse> RequestAsync(CookieJar? browser, string raw, IPAddress? from = null)
    {
        await using var client = await RawHttpClient.ConnectAsync(Chat.EndPoint, from: from ?? Attacker);
        client.Cookies = browser;
        await client.SendAsync(raw);
        return await client.ReadResponseAsync();
    }

    public Task<RawResponse> SayAsync(CookieJar browser, string sid, string text) =>
        RequestAsync(browser, ChatTestServer.Post(ChatRoutes.Say, $"sid={sid}&text={Uri.EscapeDataString(text)}"));

    /// <summary>Logs a guest in from the attacker's address in <paramref name="browser"/> and opens its chat stream.</summary>
    public async Task<(string Sid, RawHttpClient Stream)> EnterAsync(CookieJar browser, string name, int? receiveBufferSize = null)
    {
        var login = await RequestAsync(browser, ChatTestServer.Post(ChatRoutes.Login, $"name={Uri.EscapeDataString(name)}&password="));
        Assert.AreEqual(303, login.Status, $"login of {name}: {login.Body}");
        var sid = login.Headers["Location"].Split("sid=")[1];
        var stream = await RawHttpClient.ConnectAsync(Chat.EndPoint, receiveBufferSize, Attacker);
        stream.Cookies = browser;
        _clients.Add(stream);
        await stream.SendAsync(ChatTestServer.Get($"{ChatRoutes.Chat}?sid={sid}"));
        Assert.AreEqual(200, (await stream.ReadResponseAsync()).Status);
        if (receiveBufferSize is null)
        {
            await stream.ReadStreamUntilAsync($"{name} joined.");
        }

        return (sid, stream);
    }

    /// <summary>Moves an attacker's session with /join and waits until its own stream shows the arrival.</summary>
    public async Task JoinAsync(CookieJar browser, string sid, RawHttpClient stream, string name, string room)
    {
        stream.ClearStreamText();
        var joined = await SayAsync(browser, sid, $"/join {room}");
        Assert.AreEqual(303, joined.Status, joined.Body);
        await stream.ReadStreamUntilAsync($"{name} joined.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Chat.DisposeAsync();
    }
}
