using System.Globalization;
using System.Net;
using PushChat.LoadClient.Ceiling;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// Takes from PushChat itself the bytes a ceiling sends per line in one of PushChat's reader
/// formats: a PushChat server configured as the benchmark's, in this process, says a line to a
/// guest reading that format, and the line's bytes are cut around its text. The room is first
/// brought to the sequence the run's room will have (one join notice per reader), so the
/// line's sequence, position and event id have the digits they have in the run.
/// </summary>
internal static class SameBytesTemplate
{
    /// <param name="server">The ceiling: <c>raw-frame</c>, <c>raw-sse</c> or <c>raw-ws</c>.</param>
    /// <param name="readers">The run's readers: PushChat's room announces each one's join.</param>
    /// <param name="speakers">The run's speakers: the template's speaker has the name of the middle one.</param>
    /// <param name="history">The run's room history.</param>
    public static async Task<LineTemplate> CaptureAsync(string server, int readers, int speakers, int history)
    {
        var format = server.Substring("raw-".Length);
        await using var pushchat = new PushChatServer(new ServerSettings { Kind = "pushchat", History = history });
        var port = await pushchat.StartAsync().ConfigureAwait(false);
        for (var i = 0; i < readers; i++)
        {
            pushchat.Chat.PostNotice("r" + i.ToString(CultureInfo.InvariantCulture));
        }

        // Speaker i posts as reader i's session, named "r" + i (see the load client).
        var name = "r" + (Math.Min(speakers, readers) / 2).ToString(CultureInfo.InvariantCulture);
        return await Task.Run(() => TemplateCapture.Capture(new IPEndPoint(IPAddress.Loopback, port), format, name, "@1.1.xxxxxxxxxxxxxxxx")).ConfigureAwait(false);
    }
}
