// A program written the way an application that installed the PushChat package writes it: it
// sees only the package's public surface. Built for net10.0 and, under Mono, for net472 (the
// netstandard2.0 build of the package). It prints "consumer ok" and exits 0 when every step held.
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PushChat;
using PushChat.Users;

const string Password = "consumer pa55word";
var users = new InMemoryUserStore();
// Mono's PBKDF2 (600,000 rounds, twice for a registration) can pass the 10 s hook time on a
// busy machine; this program checks the package, not the machine's speed.
await using var chat = new ChatServer(new ChatServerOptions { Port = 0, Title = "Consumer", UserStore = users, HookTimeout = TimeSpan.FromMinutes(2) });
await chat.StartAsync();
var endPoint = new IPEndPoint(IPAddress.Loopback, chat.LocalEndPoint!.Port);

// The login's cookie goes with every request of the session, as a browser sends it.
var login = await RequestAsync(endPoint, Post("/login", "name=zoe&password="));
var sid = SessionOf(login);
var cookie = CookieOf(login);
using var stream = new ChatStream(endPoint, sid, cookie);
await stream.ReadUntilAsync("zoe joined.");

var stolen = await RequestAsync(endPoint, Post("/say", $"sid={sid}&text=from+a+stolen+link"));
Expect(stolen.StartsWith("HTTP/1.1 403", StringComparison.Ordinal), "POST /say without the session's cookie answered " + FirstLine(stolen));
var said = await RequestAsync(endPoint, Post("/say", $"sid={sid}&text=hello+from+the+package", cookie));
Expect(said.StartsWith("HTTP/1.1 303", StringComparison.Ordinal), "POST /say answered " + FirstLine(said));
await stream.ReadUntilAsync("hello from the package");

SessionOf(await RequestAsync(endPoint, Post("/register", $"name=ann&password={Uri.EscapeDataString(Password)}&confirm={Uri.EscapeDataString(Password)}")));
var account = await users.FindAsync("ann", CancellationToken.None);
Expect(account is not null, "the registered account is not in the store");
Expect(account!.PasswordHash.StartsWith("pbkdf2-sha256$", StringComparison.Ordinal), "the password was not hashed with PBKDF2");
Expect(account.VerifyPassword(Password) && !account.VerifyPassword("wrong password"), "the password hash does not verify");

// A reader takes the goodbye and closes, as a browser does; the stop then ends.
var stopping = chat.StopAsync();
await stream.ReadUntilAsync("shutting down");
stream.Dispose();
await stopping;
Expect(!chat.IsRunning, "the server still runs after StopAsync");

var build = typeof(ChatServer).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
Console.WriteLine($"consumer ok on {RuntimeInformation.FrameworkDescription} with PushChat for {build}");
return 0;

static void Expect(bool condition, string failure)
{
    if (!condition)
    {
        throw new InvalidOperationException(failure);
    }
}

static string Post(string path, string form, string? cookie = null) =>
    $"POST {path} HTTP/1.1\r\nHost: localhost\r\n{(cookie is null ? string.Empty : $"Cookie: {cookie}\r\n")}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {Encoding.UTF8.GetByteCount(form)}\r\nConnection: close\r\n\r\n{form}";

static string FirstLine(string response) => response.Substring(0, Math.Max(0, response.IndexOf('\r')));

static string SessionOf(string response)
{
    Expect(response.StartsWith("HTTP/1.1 303", StringComparison.Ordinal), "expected a redirect into the chat, got " + FirstLine(response));
    var start = response.IndexOf("sid=", StringComparison.Ordinal) + "sid=".Length;
    return response.Substring(start, response.IndexOf('\r', start) - start);
}

// The name=value of the session's cookie, from the login's Set-Cookie.
static string CookieOf(string response)
{
    var start = response.IndexOf("\r\nSet-Cookie: ", StringComparison.OrdinalIgnoreCase);
    Expect(start >= 0, "the login set no cookie");
    start += "\r\nSet-Cookie: ".Length;
    var line = response.Substring(start, response.IndexOf('\r', start) - start);
    Expect(line.Contains("HttpOnly") && line.Contains("SameSite=Strict"), "the session cookie is not HttpOnly and SameSite=Strict: " + line);
    return line.Substring(0, line.IndexOf(';'));
}

// One request on its own connection ("Connection: close"), read to the end.
static async Task<string> RequestAsync(IPEndPoint endPoint, string request)
{
    using var client = new TcpClient();
    await client.ConnectAsync(endPoint.Address, endPoint.Port);
    using var network = client.GetStream();
    var bytes = Encoding.UTF8.GetBytes(request);
    await network.WriteAsync(bytes, 0, bytes.Length);
    using var text = new StreamReader(network, Encoding.UTF8);
    var read = text.ReadToEndAsync();
    if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))) != read)
    {
        throw new TimeoutException("no answer to " + request.Substring(0, request.IndexOf('\r')));
    }

    return await read;
}

/// <summary>The chat frame: one response that never ends, read as it arrives.</summary>
internal sealed class ChatStream : IDisposable
{
    private readonly TcpClient _client = new();
    private readonly StringBuilder _seen = new();
    private readonly byte[] _buffer = new byte[8192];
    private readonly string _sid;
    private readonly string _cookie;
    private readonly IPEndPoint _endPoint;
    private NetworkStream? _network;

    public ChatStream(IPEndPoint endPoint, string sid, string cookie)
    {
        _endPoint = endPoint;
        _sid = sid;
        _cookie = cookie;
    }

    public async Task ReadUntilAsync(string text)
    {
        if (_network is null)
        {
            await _client.ConnectAsync(_endPoint.Address, _endPoint.Port);
            _network = _client.GetStream();
            var request = Encoding.ASCII.GetBytes($"GET /chat?sid={_sid} HTTP/1.1\r\nHost: localhost\r\nCookie: {_cookie}\r\n\r\n");
            await _network.WriteAsync(request, 0, request.Length);
        }

        // A safety net against a hang, never a synchronisation: every wait ends on the text.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (timeout.Token.Register(_client.Close))
        {
            while (_seen.ToString().IndexOf(text, StringComparison.Ordinal) < 0)
            {
                int read;
                try
                {
                    read = await _network.ReadAsync(_buffer, 0, _buffer.Length);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    throw new TimeoutException($"\"{text}\" never arrived on the chat stream: {_seen}", e);
                }

                if (read == 0)
                {
                    throw new InvalidOperationException($"The chat stream ended before \"{text}\": {_seen}");
                }

                _seen.Append(Encoding.UTF8.GetString(_buffer, 0, read));
            }
        }
    }

    public void Dispose() => _client.Dispose();
}
