using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>The console host as users run it: its own process, options from the command line, SIGTERM to stop.</summary>
[TestClass]
public sealed partial class ConsoleHostTests
{
    [TestMethod]
    [TestCategory("Process")]
    public async Task The_console_host_serves_the_chat_and_stops_gracefully_on_sigterm()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("SIGTERM is a Unix signal.");
        }

        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        using var host = Start(null, "--port", "0", "--title", "Host test", "--data", data.FullName);
        var url = await ReadUrlAsync(host);
        var endPoint = new IPEndPoint(IPAddress.Loopback, url.Port);

        var browser = new CookieJar();
        await using var login = await RawHttpClient.ConnectAsync(endPoint);
        login.Cookies = browser;
        await login.SendAsync(ChatTestServer.Post("/login", "name=zoe&password="));
        var redirect = await login.ReadResponseAsync();
        var sid = redirect.Headers["Location"].Split("sid=")[1];
        await using var reader = await RawHttpClient.ConnectAsync(endPoint);
        reader.Cookies = browser;
        await reader.SendAsync(ChatTestServer.Get($"/chat?sid={sid}"));
        await reader.ReadResponseAsync();
        StringAssert.Contains(await reader.ReadStreamUntilAsync("zoe joined."), "<title>Lobby</title>");

        using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.IsTrue(await reader.ReadToEndAsync());
        StringAssert.Contains(reader.StreamText, "shutting down");
        using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        await host.WaitForExitAsync(exit.Token);
        Assert.AreEqual(0, host.ExitCode);
        data.Delete(recursive: true);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_first_admin_comes_from_configuration_is_kept_in_the_data_folder_and_never_replaced()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("SIGTERM is a Unix signal.");
        }

        const string Password = "first-admin-pa55";
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var environment = new Dictionary<string, string>
        {
            ["PUSHCHAT_Chat__Admin__Name"] = "Boss",
            ["PUSHCHAT_Chat__Admin__Password"] = Password,
        };
        var firstRun = await RunUntilStartedAsync(environment, "--port", "0", "--data", data.FullName, "--Chat:AllowGuests", "false");
        var endPoint = firstRun.EndPoint;

        Assert.AreEqual(403, (await LoginAsync(endPoint, "boss", "wrong")).Status);
        var browser = new CookieJar();
        var login = await LoginAsync(endPoint, "boss", Password, browser);
        Assert.AreEqual(303, login.Status, login.Body);
        var sid = login.Headers["Location"].Split("sid=")[1];
        await using (var lines = await RawHttpClient.ConnectAsync(endPoint))
        {
            lines.Cookies = browser;
            await lines.SendAsync(ChatTestServer.Get($"{ChatRoutes.Lines}?sid={sid}"));
            Assert.AreEqual(200, (await lines.ReadResponseAsync()).Status, "only an admin may open the lines of the lobby");
        }

        var output = await StopAsync(firstRun);
        StringAssert.Contains(output, "Created the administrator account Boss");
        Assert.IsFalse(output.Contains(Password, StringComparison.Ordinal), "the password was logged");
        var file = await File.ReadAllTextAsync(Path.Combine(data.FullName, "users.json"));
        StringAssert.Contains(file, "\"Boss\"");
        StringAssert.Contains(file, "\"Admin\"");
        Assert.IsFalse(file.Contains(Password, StringComparison.Ordinal));

        environment["PUSHCHAT_Chat__Admin__Password"] = "another password";
        var secondRun = await RunUntilStartedAsync(environment, "--port", "0", "--data", data.FullName, "--Chat:AllowGuests", "false");
        Assert.AreEqual(303, (await LoginAsync(secondRun.EndPoint, "BOSS", Password)).Status, "the existing account kept its password");
        Assert.AreEqual(403, (await LoginAsync(secondRun.EndPoint, "boss", "another password")).Status);
        StringAssert.Contains(await StopAsync(secondRun), "the Chat:Admin settings were not applied");
        data.Delete(recursive: true);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_first_admin_can_be_given_as_a_hash_printed_by_hash_password()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("SIGTERM is a Unix signal.");
        }

        string hash;
        using (var hasher = Start(null, "hash-password"))
        {
            hasher.StandardInput.WriteLine("hashed pa55");
            hasher.StandardInput.Close();
            using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
            hash = (await hasher.StandardOutput.ReadToEndAsync(exit.Token)).Trim();
            await hasher.WaitForExitAsync(exit.Token);
        }

        StringAssert.StartsWith(hash, "pbkdf2-sha256$");
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var run = await RunUntilStartedAsync(new() { ["PUSHCHAT_Chat__Admin__Name"] = "root" }, "--port", "0", "--data", data.FullName, "--Chat:Admin:PasswordHash", hash);

        Assert.AreEqual(303, (await LoginAsync(run.EndPoint, "root", "hashed pa55")).Status);
        StringAssert.Contains(await StopAsync(run), "Created the administrator account root");
        data.Delete(recursive: true);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_corrupt_account_file_stops_the_start_and_is_left_unchanged()
    {
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var path = Path.Combine(data.FullName, "users.json");
        await File.WriteAllTextAsync(path, "{ \"version\": 1, \"accounts\": [ }");
        using var host = Start(null, "--port", "0", "--data", data.FullName);
        using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);

        var error = await host.StandardError.ReadToEndAsync(exit.Token);
        await host.WaitForExitAsync(exit.Token);

        Assert.AreEqual(1, host.ExitCode);
        StringAssert.Contains(error, path);
        StringAssert.Contains(error, "line 1, position 31");
        Assert.AreEqual("{ \"version\": 1, \"accounts\": [ }", await File.ReadAllTextAsync(path));
        data.Delete(recursive: true);
    }

    private static async Task<(Process Host, IPEndPoint EndPoint, System.Text.StringBuilder Output)> RunUntilStartedAsync(Dictionary<string, string> environment, params string[] args)
    {
        var host = Start(environment, args);
        var output = new System.Text.StringBuilder();
        var url = await ReadUrlAsync(host, output);
        return (host, new IPEndPoint(IPAddress.Loopback, url.Port), output);
    }

    private static async Task<RawResponse> LoginAsync(IPEndPoint endPoint, string name, string password, CookieJar? browser = null)
    {
        await using var client = await RawHttpClient.ConnectAsync(endPoint);
        client.Cookies = browser;
        await client.SendAsync(ChatTestServer.Post(ChatRoutes.Login, $"name={Uri.EscapeDataString(name)}&password={Uri.EscapeDataString(password)}"));
        return await client.ReadResponseAsync();
    }

    /// <summary>Stops the host with SIGTERM and returns everything it printed.</summary>
    private static async Task<string> StopAsync((Process Host, IPEndPoint EndPoint, System.Text.StringBuilder Output) run)
    {
        var host = run.Host;
        using (host)
        {
            using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
            var output = run.Output + await host.StandardOutput.ReadToEndAsync(exit.Token) + await host.StandardError.ReadToEndAsync(exit.Token);
            await host.WaitForExitAsync(exit.Token);
            Assert.AreEqual(0, host.ExitCode, output);
            return output;
        }
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_console_host_reads_its_own_settings_wherever_it_is_started_from()
    {
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var elsewhere = Directory.CreateTempSubdirectory("pushchat-cwd-");
        using var host = StartIn(elsewhere.FullName, null, "--port", "0", "--data", data.FullName);
        var url = await ReadUrlAsync(host);

        await using var client = await RawHttpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, url.Port));
        await client.SendAsync(ChatTestServer.Get("/"));
        var page = await client.ReadResponseAsync();

        StringAssert.Contains(page.Body, "<title>PushChat console</title>", "the title from samples/ConsoleHost/appsettings.json");
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        data.Delete(recursive: true);
        elsewhere.Delete(recursive: true);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_console_host_serves_https_with_a_configured_certificate()
    {
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var pfx = Path.Combine(data.FullName, "chat.pfx");
        await File.WriteAllBytesAsync(pfx, PushChat.Tests.Tls.TestCertificate.Instance.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "secret"));
        using var host = Start(new() { ["PUSHCHAT_Chat__Tls__Password"] = "secret" }, "--port", "0", "--data", data.FullName, "--cert", pfx);
        var url = await ReadUrlAsync(host);

        await using var client = await PushChat.Tests.Tls.TlsHttpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, url.Port));
        var page = await client.RequestAsync(ChatTestServer.Get("/"));

        Assert.AreEqual("https", url.Scheme);
        Assert.AreEqual(200, page.Status);
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        data.Delete(recursive: true);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_console_host_sends_the_intermediates_of_a_full_chain_pem()
    {
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        using var chain = PushChat.Tests.Tls.TestChain.Create();
        var (fullChain, privateKey) = await chain.WritePemFilesAsync(data.FullName);
        using var host = Start(null, "--port", "0", "--data", data.FullName, "--cert", fullChain, "--cert-key", privateKey);
        var url = await ReadUrlAsync(host);

        var (verified, sent, answer) = await chain.HandshakeTrustingOnlyTheRootAsync(new IPEndPoint(IPAddress.Loopback, url.Port));

        CollectionAssert.Contains(sent, chain.Intermediate.Thumbprint);
        Assert.IsTrue(verified, "a client that trusts only the root verifies the certificate");
        StringAssert.StartsWith(answer, "HTTP/1.1 200");
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        data.Delete(recursive: true);
    }

    private static Process Start(Dictionary<string, string>? environment, params string[] args) => StartIn(null, environment, args);

    private static Process StartIn(string? workingDirectory, Dictionary<string, string>? environment, params string[] args)
    {
        var dll = Path.Combine(TestPaths.RepositoryRoot(), "samples", "ConsoleHost", "bin",
#if DEBUG
            "Debug",
#else
            "Release",
#endif
            "net10.0", "ConsoleHost.dll");
        Assert.IsTrue(File.Exists(dll), $"ConsoleHost was not built: {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? string.Empty };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<Uri> ReadUrlAsync(Process host, System.Text.StringBuilder? seen = null)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen?.AppendLine(line);
            var match = RunningLine().Match(line);
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        Assert.Fail("The console host exited before printing its address: " + await host.StandardError.ReadToEndAsync());
        return null!;
    }

    [GeneratedRegex("open (https?://\\S+) in a browser")]
    private static partial Regex RunningLine();
}
