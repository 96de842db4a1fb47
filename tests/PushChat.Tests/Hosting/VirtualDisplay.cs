using System.Diagnostics;
using System.Globalization;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Hosting;

/// <summary>
/// An X display of its own (Xvfb) for a desktop program under test. Xvfb picks a free display
/// number itself and writes it once it accepts clients (<c>-displayfd</c>), so two runs never
/// collide and nothing waits on a guess.
/// </summary>
public sealed class VirtualDisplay : IDisposable
{
    public const string XvfbPath = "/usr/bin/Xvfb";
    public const string ImportPath = "/usr/bin/import";

    private readonly Process _xvfb;

    private VirtualDisplay(Process xvfb, string name)
    {
        _xvfb = xvfb;
        Name = name;
    }

    /// <summary>The display's name for <c>DISPLAY</c>, such as ":1".</summary>
    public string Name { get; }

    public static async Task<VirtualDisplay> StartAsync()
    {
        var start = new ProcessStartInfo(XvfbPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp" })
        {
            start.ArgumentList.Add(argument);
        }

        var xvfb = Process.Start(start)!;
        var errors = xvfb.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        var number = await xvfb.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            xvfb.Kill();
            await xvfb.WaitForExitAsync();
            throw new InvalidOperationException("Xvfb did not start: " + await errors);
        }

        return new VirtualDisplay(xvfb, ":" + number);
    }

    /// <summary>Saves what the whole screen shows as a PNG file.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var start = new ProcessStartInfo(ImportPath) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-window", "root", "-display", Name, path })
        {
            start.ArgumentList.Add(argument);
        }

        using var import = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        var errors = await import.StandardError.ReadToEndAsync(timeout.Token);
        await import.WaitForExitAsync(timeout.Token);
        Assert.AreEqual(0, import.ExitCode, "import failed: " + errors);
    }

    public void Dispose()
    {
        if (!_xvfb.HasExited)
        {
            _xvfb.Kill();
            _xvfb.WaitForExit();
        }

        _xvfb.Dispose();
    }
}
