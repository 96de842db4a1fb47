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

        using var host = Start("--port", "0", "--title", "Host test");
        var url = await ReadUrlAsync(host);
        var endPoint = new IPEndPoint(IPAddress.Loopback, url.Port);

        await using var login = await RawHttpClient.ConnectAsync(endPoint);
        await login.SendAsync(ChatTestServer.Post("/login", "name=zoe&password="));
        var redirect = await login.ReadResponseAsync();
        var sid = redirect.Headers["Location"].Split("sid=")[1];
        await using var reader = await RawHttpClient.ConnectAsync(endPoint);
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
    }

    private static Process Start(params string[] args)
    {
        var dll = Path.Combine(TestPaths.RepositoryRoot(), "samples", "ConsoleHost", "bin",
#if DEBUG
            "Debug",
#else
            "Release",
#endif
            "net10.0", "ConsoleHost.dll");
        Assert.IsTrue(File.Exists(dll), $"ConsoleHost was not built: {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task<Uri> ReadUrlAsync(Process host)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = RunningLine().Match(line);
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        Assert.Fail("The console host exited before printing its address: " + await host.StandardError.ReadToEndAsync());
        return null!;
    }

    [GeneratedRegex("open (http://\\S+) in a browser")]
    private static partial Regex RunningLine();
}
