using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>A start that cannot succeed: one line per problem naming the setting and its value, a documented exit code, no stack trace.</summary>
public sealed partial class ConsoleHostTests
{
    [TestMethod]
    [TestCategory("Process")]
    [DataRow(2, "Invalid setting Chat:Port = 'abc'", "--port", "abc")]
    [DataRow(2, "Invalid setting Chat:Port = '70000'", "--port", "70000")]
    [DataRow(2, "Invalid setting Chat:ListenAddress = 'foo'", "--listen", "foo")]
    [DataRow(2, "Unknown option --prot.|Usage: ConsoleHost", "--prot", "9229")]
    [DataRow(2, "Invalid setting Chat:Port = 'abc'|Invalid setting Chat:ListenAddress = 'foo'|Invalid setting Chat:HistoryLength = '-5'", "--port", "abc", "--listen", "foo", "--Chat:HistoryLength", "-5")]
    public async Task A_wrong_option_or_setting_stops_the_start_with_one_line_each_and_exit_code_2(int exitCode, string expected, params string[] args)
    {
        var (code, error) = await RunToExitAsync(null, args);

        AssertCleanRefusal(exitCode, code, error, expected.Split('|'));
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_negative_history_length_from_the_environment_is_named_with_its_value()
    {
        var (code, error) = await RunToExitAsync(new() { ["PUSHCHAT_Chat__HistoryLength"] = "-5" }, "--port", "0");

        AssertCleanRefusal(2, code, error, "Invalid setting Chat:HistoryLength = '-5'", "between 0 and 100,000");
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_port_in_use_stops_the_start_naming_the_port_with_exit_code_3()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, error) = await RunToExitAsync(null, "--port", port);

        AssertCleanRefusal(3, code, error, $"Cannot listen on Chat:Port {port}", "another program is using the port");
        Assert.AreEqual(1, error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, "said once: " + error);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_pem_certificate_without_its_key_says_the_key_is_missing()
    {
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var pem = Path.Combine(data.FullName, "chat.pem");
        await File.WriteAllTextAsync(pem, PushChat.Tests.Tls.TestCertificate.Instance.ExportCertificatePem());

        var (code, error) = await RunToExitAsync(null, "--port", "0", "--data", data.FullName, "--cert", pem);

        AssertCleanRefusal(2, code, error, "Chat:Tls:KeyPath is missing", "--cert-key");
        data.Delete(recursive: true);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task A_first_admin_name_nobody_could_log_in_with_is_refused_at_start()
    {
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var (code, error) = await RunToExitAsync(
            new() { ["PUSHCHAT_Chat__Admin__Name"] = "the <boss>", ["PUSHCHAT_Chat__Admin__Password"] = "first-admin-pa55" },
            "--port", "0", "--data", data.FullName);

        AssertCleanRefusal(2, code, error, "Invalid setting Chat:Admin:Name = 'the <boss>'", "only letters, digits");
        Assert.IsFalse(File.Exists(Path.Combine(data.FullName, "users.json")) && File.ReadAllText(Path.Combine(data.FullName, "users.json")).Contains("boss", StringComparison.Ordinal), "no account was created");
        data.Delete(recursive: true);
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_readme_first_admin_called_admin_can_log_in_despite_the_reserved_names()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("SIGTERM is a Unix signal.");
        }

        // README's own values: the name "admin" is among the default reserved names.
        const string Password = "correct horse battery staple";
        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var run = await RunUntilStartedAsync(
            new() { ["PUSHCHAT_Chat__Admin__Name"] = "admin", ["PUSHCHAT_Chat__Admin__Password"] = Password },
            "--port", "0", "--data", data.FullName);

        var browser = new CookieJar();
        var login = await LoginAsync(run.EndPoint, "admin", Password, browser);
        Assert.AreEqual(303, login.Status, login.Body);
        var sid = login.Headers["Location"].Split("sid=")[1];
        await using (var lines = await RawHttpClient.ConnectAsync(run.EndPoint))
        {
            lines.Cookies = browser;
            await lines.SendAsync(ChatTestServer.Get($"{ChatRoutes.Lines}?sid={sid}"));
            Assert.AreEqual(200, (await lines.ReadResponseAsync()).Status, "logged in as the administrator");
        }

        Assert.AreEqual(403, (await LoginAsync(run.EndPoint, "admin", "wrong password")).Status, "the password is still checked");
        Assert.AreEqual(403, (await LoginAsync(run.EndPoint, "moderator", string.Empty)).Status, "other reserved names stay reserved");
        StringAssert.Contains(await StopAsync(run), "Created the administrator account admin");
        data.Delete(recursive: true);
    }

    private static void AssertCleanRefusal(int expectedCode, int code, string error, params string[] expected)
    {
        Assert.AreEqual(expectedCode, code, error);
        foreach (var part in expected)
        {
            StringAssert.Contains(error, part);
        }

        Assert.IsFalse(error.Contains("   at ", StringComparison.Ordinal), "a stack trace: " + error);
        Assert.IsFalse(error.Contains("Unhandled exception", StringComparison.Ordinal), error);
    }

    /// <summary>Runs the host until it exits by itself; its exit code and everything it wrote to the standard error.</summary>
    private static async Task<(int Code, string Error)> RunToExitAsync(Dictionary<string, string>? environment, params string[] args)
    {
        var data = args.Contains("--data") ? null : Directory.CreateTempSubdirectory("pushchat-host-");
        using var host = Start(environment, data is null ? args : [.. args, "--data", data.FullName]);
        try
        {
            using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
            var output = host.StandardOutput.ReadToEndAsync(exit.Token);
            var error = await host.StandardError.ReadToEndAsync(exit.Token);
            await output;
            await host.WaitForExitAsync(exit.Token);
            return (host.ExitCode, error);
        }
        finally
        {
            // A host that started after all is not left running.
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }

            data?.Delete(recursive: true);
        }
    }

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_console_host_without_a_terminal_stops_gracefully_on_sigint()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("SIGINT is sent with kill here, a Unix command.");
        }

        var data = Directory.CreateTempSubdirectory("pushchat-host-");
        var run = await RunUntilStartedAsync([], "--port", "0", "--data", data.FullName);
        using (var kill = Process.Start("kill", ["-INT", run.Host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        var output = run.Output + await run.Host.StandardOutput.ReadToEndAsync(exit.Token);
        await run.Host.WaitForExitAsync(exit.Token);
        Assert.AreEqual(0, run.Host.ExitCode, output);
        StringAssert.Contains(output, "Chat server stopped");
        run.Host.Dispose();
        data.Delete(recursive: true);
    }
}
