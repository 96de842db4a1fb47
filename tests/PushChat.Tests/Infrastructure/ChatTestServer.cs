using System.Net;
using System.Text.RegularExpressions;
using PushChat.Localization;

namespace PushChat.Tests.Infrastructure;

/// <summary>A real <see cref="ChatServer"/> on a loopback port chosen by the OS, driven by a fake clock.</summary>
public sealed partial class ChatTestServer : IAsyncDisposable
{
    private ChatTestServer(ChatServer server, FakeTimeProvider time, CookieJar? cookies = null)
    {
        Server = server;
        Time = time;
        Cookies = cookies ?? new CookieJar();
    }

    public ChatServer Server { get; }

    public FakeTimeProvider Time { get; }

    public IPEndPoint EndPoint => Server.LocalEndPoint!;

    public static Task<ChatTestServer> StartAsync(Action<ChatServerOptions>? configure = null, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null) =>
        StartAsync(configure, new FakeTimeProvider(), cookies: null, meterFactory);

    /// <summary>
    /// Starts a server on <paramref name="time"/>; with <paramref name="cookies"/>, as one of several
    /// servers that one browser reaches (the nodes of one chat behind a load balancer).
    /// </summary>
    public static async Task<ChatTestServer> StartAsync(Action<ChatServerOptions>? configure, FakeTimeProvider time, CookieJar? cookies, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        // The fake clock never reaches a shutdown timeout by itself: tests that check a graceful
        // stop set one and read concurrently; the rest close at once.
        var options = new ChatServerOptions { Port = 0, ShutdownTimeout = TimeSpan.Zero };
        configure?.Invoke(options);
        var server = new ChatServer(options, null, time, meterFactory: meterFactory);
        await server.StartAsync();
        return new ChatTestServer(server, time, cookies);
    }

    /// <summary>Drives a server built elsewhere (by a container or a host) that reads the given clock.</summary>
    public static ChatTestServer Attach(ChatServer server, FakeTimeProvider time)
    {
        Assert.IsTrue(server.IsRunning, "Start the server before attaching to it.");
        return new ChatTestServer(server, time);
    }

    /// <summary>
    /// Connects, from <paramref name="from"/> when given (another loopback address is another
    /// client address), as the browser whose cookies are <see cref="Cookies"/>.
    /// </summary>
    public async Task<RawHttpClient> ConnectAsync(int? receiveBufferSize = null, IPAddress? from = null)
    {
        var client = await RawHttpClient.ConnectAsync(EndPoint, receiveBufferSize, from);
        client.Cookies = Cookies;
        return client;
    }

    /// <summary>Sends one request on a new connection (from <paramref name="from"/> when given) and reads the response.</summary>
    public async Task<RawResponse> RequestAsync(string raw, IPAddress? from = null)
    {
        await using var client = await ConnectAsync(from: from);
        await client.SendAsync(raw);
        return await client.ReadResponseAsync();
    }

    public static string Post(string path, string form) =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(form)}\r\n\r\n{form}";

    public static string Get(string pathAndQuery) => $"GET {pathAndQuery} HTTP/1.1\r\nHost: localhost\r\n\r\n";

    /// <summary>Logs in (as a guest without a password), reading the chat in <paramref name="language"/> when given, and returns the session id from the redirect.</summary>
    public async Task<string> LoginAsync(string name, string password = "", IPAddress? from = null, string? language = null)
    {
        var form = $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(password)}" + (language is null ? string.Empty : $"&lang={Uri.EscapeDataString(language)}");
        var response = await RequestAsync(Post(ChatRoutes.Login, form), from);

        // Every user of a test logs in through one cookie jar: one user's choice of language is not the next one's.
        Cookies.Remove(ChatLanguages.CookieName);
        Assert.AreEqual(303, response.Status, $"login of {name} failed: {response.Body}");
        var match = SessionInLocation().Match(response.Headers["Location"]);
        Assert.IsTrue(match.Success, response.Headers["Location"]);
        return match.Groups[1].Value;
    }

    /// <summary>
    /// Opens the chat frame of a session on a socket with a 4 KB receive buffer, reads only the
    /// response head and nothing more: a reader whose lines pile up on the server.
    /// </summary>
    public async Task<RawHttpClient> OpenNonReadingChatAsync(string sessionId)
    {
        var client = await ConnectAsync(receiveBufferSize: 4096);
        await client.SendAsync(Get($"{ChatRoutes.Chat}?sid={sessionId}"));
        Assert.AreEqual(200, (await client.ReadResponseAsync()).Status);
        return client;
    }

    /// <summary>Opens the chat frame of a session and waits until the given text (default: the page head) arrived.</summary>
    public async Task<RawHttpClient> OpenChatAsync(string sessionId, string until = "role=\"log\"", IPAddress? from = null)
    {
        var client = await ConnectAsync(from: from);
        await client.SendAsync(Get($"{ChatRoutes.Chat}?sid={sessionId}"));
        var head = await client.ReadResponseAsync();
        Assert.AreEqual(200, head.Status);
        await client.ReadStreamUntilAsync(until);
        return client;
    }

    public Task<RawResponse> SayAsync(string sessionId, string text, IPAddress? from = null) =>
        RequestAsync(Post(ChatRoutes.Say, $"sid={sessionId}&text={Uri.EscapeDataString(text)}"), from);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    [GeneratedRegex("sid=([A-Za-z0-9_-]+)")]
    private static partial Regex SessionInLocation();
}
