using System.Globalization;
using System.Net;
using PushChat.LoadClient.Ceiling;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// Takes from PushChat itself the bytes a ceiling sends per line in one of PushChat's reader
/// formats: a PushChat server configured as the benchmark's, in this process, says a line to a
/// guest reading that format, and the line's bytes are cut around its text. The room's log is
/// first brought to the sequence the run's room has halfway through its first phase, so the
/// line's sequence number, position and event id have the digits they mostly have in the run.
/// </summary>
internal static class SameBytesTemplate
{
    // The load client's defaults: its unmeasured warm-up, and its speakers, each one reader's session "r" + index.
    private const double WarmupSeconds = 3;
    private const int DefaultSpeakers = 256;

    /// <param name="server">The ceiling: <c>raw-frame</c>, <c>raw-sse</c> or <c>raw-ws</c>.</param>
    /// <param name="clientArgs">The load client's arguments for the run: readers, phases and seconds.</param>
    /// <param name="speakers">The run's speakers when set: the template's speaker is named as the middle one.</param>
    /// <param name="history">The run's room history.</param>
    public static async Task<LineTemplate> CaptureAsync(string server, IReadOnlyList<string> clientArgs, int? speakers, int history)
    {
        var format = server.Substring("raw-".Length);
        var readers = (int)Number(clientArgs, "--readers", 1000);
        await using var pushchat = new PushChatServer(new ServerSettings { Kind = "pushchat", History = history });
        var port = await pushchat.StartAsync().ConfigureAwait(false);
        for (var i = RoomSequence(clientArgs, readers, new ChatServerOptions().FoldNoticesAbove); i > 1; i--)
        {
            pushchat.Chat.PostNotice(".");
        }

        var name = "r" + (Math.Min(speakers ?? DefaultSpeakers, readers) / 2).ToString(CultureInfo.InvariantCulture);
        return await Task.Run(() => TemplateCapture.Capture(new IPEndPoint(IPAddress.Loopback, port), format, name, "@1.1.xxxxxxxxxxxxxxxx")).ConfigureAwait(false);
    }

    /// <summary>
    /// The room's sequence halfway through the run's first phase: a join notice for each of the
    /// first readers (PushChat folds a crowd's joins into a line a second above
    /// <paramref name="foldAbove"/>), the warm-up's posts, and half the phase's.
    /// </summary>
    internal static long RoomSequence(IReadOnlyList<string> clientArgs, int readers, int foldAbove)
    {
        var phases = Value(clientArgs, "--phases");
        var rate = phases is null ? 0 : double.Parse(phases.Split(',')[0].Split(':')[0], CultureInfo.InvariantCulture);
        var warmup = rate > 0 ? Math.Ceiling(Math.Min(Math.Max(rate, 20), 100) * WarmupSeconds) : 0;
        return Math.Min(readers, foldAbove) + (long)warmup + (long)(rate * Number(clientArgs, "--seconds", 10) / 2);
    }

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }

    private static double Number(IReadOnlyList<string> args, string name, double otherwise) =>
        Value(args, name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : otherwise;
}
