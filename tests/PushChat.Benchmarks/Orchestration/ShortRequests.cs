using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PushChat.Benchmarks.Orchestration;

/// <summary>Short requests per second, measured by wrk (Debian package "wrk").</summary>
internal static partial class ShortRequests
{
    /// <summary>Logs in as a guest; returns the session id and the session's cookie (<c>name=value</c>, null when none was set).</summary>
    public static async Task<(string SessionId, string? Cookie)> LoginAsync(int port)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "wrk", ["password"] = string.Empty });
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/login"), form).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Login answered {(int)response.StatusCode}.");
        }

        var location = response.Headers.Location!.OriginalString;
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.First().Split(';')[0] : null;
        return (location.Substring(location.IndexOf("sid=", StringComparison.Ordinal) + 4), cookie);
    }

    /// <summary>Runs wrk on one path; <paramref name="cookie"/> goes with every request, as the session's browser sends it.</summary>
    public static async Task<(double RequestsPerSecond, double P99Ms)?> RunWrkAsync(int port, string path, int seconds, string? cookie = null)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t2", "-c64", $"-d{seconds}s", "--latency", $"http://127.0.0.1:{port}{path}" })
        {
            info.ArgumentList.Add(arg);
        }

        if (cookie is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add("Cookie: " + cookie);
        }

        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("wrk is not installed (apt-get install wrk).");
            return null;
        }

        using (process)
        {
            var output = await process!.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            Console.WriteLine(output);
            var rps = RequestsPerSecond().Match(output);
            var p99 = Percentile99().Match(output);
            if (!rps.Success)
            {
                return null;
            }

            return (double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), p99.Success ? Millis(p99.Groups[1].Value, p99.Groups[2].Value) : double.NaN);
        }
    }

    private static double Millis(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch { "us" => number / 1000, "s" => number * 1000, _ => number };
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex Percentile99();
}
