using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>The WinForms host started without a terminal (a service, a script) and stopped by a signal.</summary>
public sealed partial class WinFormsHostTests
{
    [TestMethod]
    [TestCategory("Process")]
    [DataRow("INT")]
    [DataRow("TERM")]
    public async Task The_WinForms_host_without_a_terminal_tells_the_open_chat_goodbye_on_a_stop_signal(string signal)
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
            await ReadUntilAsync(host, output, "online: zoe");

            using (var kill = Process.Start("kill", ["-" + signal, host.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            Assert.IsTrue(await reader.ReadToEndAsync());
            StringAssert.Contains(reader.StreamText, "shutting down", "the open chat was told goodbye before the process ended");
            using var exit = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
            output.Append(await host.StandardOutput.ReadToEndAsync(exit.Token));
            await host.WaitForExitAsync(exit.Token);
            Assert.AreEqual(0, host.ExitCode, Describe(output, errors));
            StringAssert.EndsWith(output.ToString(), "stopped\n", Describe(output, errors));
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
}
