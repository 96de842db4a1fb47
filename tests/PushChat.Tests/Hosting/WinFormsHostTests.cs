using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>
/// The WinForms admin window as users run it: WinFormsHost.exe under Mono on a virtual X display,
/// watched through the lines it prints and closed through its input, as a user closes it.
/// </summary>
[TestClass]
public sealed partial class WinFormsHostTests
{
    private const string MonoPath = "/usr/bin/mono";

    // What Debian's libmono-system-windows-forms4.0-cil installs; mono-runtime alone has no WinForms.
    private const string WinFormsAssemblyPath = "/usr/lib/mono/4.5/System.Windows.Forms.dll";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Process")]
    public async Task The_WinForms_host_lists_who_opens_the_chat_and_tells_them_goodbye_when_its_window_closes()
    {
        RequireInstalled();
        using var display = await VirtualDisplay.StartAsync();
        using var host = Start(display.Name, "--start", "--port", "0");
        var output = new StringBuilder();
        var errors = new StringBuilder();
        host.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        host.BeginErrorReadLine();
        try
        {
            var listening = await ReadUntilAsync(host, output, "listening on ");
            var endPoint = IPEndPoint.Parse(listening["listening on ".Length..]);

            var browser = new CookieJar();
            await using var login = await RawHttpClient.ConnectAsync(endPoint);
            login.Cookies = browser;
            await login.SendAsync(ChatTestServer.Post(ChatRoutes.Login, "name=zoe&password="));
            var sid = (await login.ReadResponseAsync()).Headers["Location"].Split("sid=")[1];
            await using var reader = await RawHttpClient.ConnectAsync(endPoint);
            reader.Cookies = browser;
            await reader.SendAsync(ChatTestServer.Get($"/chat?sid={sid}"));
            await reader.ReadResponseAsync();
            await reader.ReadStreamUntilAsync("zoe joined.");

            Assert.AreEqual("online: zoe", await ReadUntilAsync(host, output, "online: "), "the window lists the user with the open chat");

            var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "WinForms");
            Directory.CreateDirectory(directory);
            var screenshot = Path.Combine(directory, "admin-window-with-zoe-online.png");
            await display.ScreenshotAsync(screenshot);
            Assert.IsTrue(new FileInfo(screenshot).Length > 0, "the screenshot is empty");
            TestContext.AddResultFile(screenshot);
            TestContext.WriteLine($"Screenshot: {screenshot}");

            await host.StandardInput.WriteLineAsync("quit");
            await host.StandardInput.FlushAsync();

            Assert.IsTrue(await reader.ReadToEndAsync());
            StringAssert.Contains(reader.StreamText, "shutting down", "the open chat was told goodbye before the window closed");
            using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
            output.Append(await host.StandardOutput.ReadToEndAsync(exit.Token));
            await host.WaitForExitAsync(exit.Token);
            Assert.AreEqual(0, host.ExitCode, Describe(output, errors));
            StringAssert.EndsWith(output.ToString(), "online:\nstopped\n", Describe(output, errors));
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                TestContext.WriteLine(Describe(output, errors));
            }
        }
    }

    /// <summary>Makes the test inconclusive (or, on CI, fails it) when Mono, its WinForms, Xvfb or ImageMagick is missing.</summary>
    private static void RequireInstalled()
    {
        var missing = new[] { MonoPath, WinFormsAssemblyPath, VirtualDisplay.XvfbPath, VirtualDisplay.ImportPath }.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var reason = $"The WinForms host test needs {string.Join(" and ", missing)}, which is missing. Install it as root: "
            + "apt-get update && apt-get install -y mono-runtime mono-devel libmono-system-windows-forms4.0-cil xvfb imagemagick";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Inconclusive(reason);
    }

    private static Process Start(string display, params string[] args)
    {
        var exe = Path.Combine(TestPaths.RepositoryRoot(), "samples", "WinFormsHost", "bin",
#if DEBUG
            "Debug",
#else
            "Release",
#endif
            "net472", "WinFormsHost.exe");
        Assert.IsTrue(File.Exists(exe), $"WinFormsHost was not built: {exe}");
        var start = new ProcessStartInfo(MonoPath) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(exe);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DISPLAY"] = display;
        return Process.Start(start)!;
    }

    /// <summary>Reads the host's lines until one starts with <paramref name="prefix"/>; returns it.</summary>
    private static async Task<string> ReadUntilAsync(Process host, StringBuilder seen, string prefix)
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Append(line).Append('\n');
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        Assert.Fail($"The host exited before printing '{prefix}'. It printed:\n{seen}");
        return null!;
    }

    private static string Describe(StringBuilder output, StringBuilder errors)
    {
        lock (errors)
        {
            return string.Format(CultureInfo.InvariantCulture, "The host printed:\n{0}\nand on standard error:\n{1}", output, errors);
        }
    }
}
