using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Streams;

/// <summary>The server drops every connection in the middle of a burst; a reader that resumes from its last id loses nothing and gets nothing twice.</summary>
[TestClass]
public sealed class ResumeAfterDropTests
{
    private const int Burst = 400;

    [TestMethod]
    public async Task An_event_stream_dropped_mid_burst_resumes_with_no_line_lost_or_repeated()
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.HistoryLength = 1000);
        var ann = await chat.LoginAsync("ann");
        var (first, _) = await ServerSentEvents.OpenAsync(chat, ann);
        await ServerSentEvents.ReadUntilLineAsync(first, "ann joined.");

        // Half the burst is on its way when the connection drops; the other half comes after.
        for (var i = 1; i <= Burst / 2; i++)
        {
            chat.Server.PostNotice($"burst {i}");
        }

        await first.ReadStreamUntilAsync("burst 5\"");
        chat.Server.Connections!.AbortAll();
        for (var i = (Burst / 2) + 1; i <= Burst; i++)
        {
            chat.Server.PostNotice($"burst {i}");
        }

        await first.ReadToEndAsync();
        var before = ServerSentEvents.Parse(first.StreamText).Where(e => e.Name == "line").ToList();
        await first.DisposeAsync();

        var (again, _) = await ServerSentEvents.OpenAsync(chat, ann, lastEventId: before.Last().Id);
        await using var _ = again;
        var after = (await ServerSentEvents.ReadUntilLineAsync(again, $"burst {Burst}")).Where(e => e.Name == "line");

        var texts = before.Concat(after).Select(e => e.Text).Where(t => t!.StartsWith("burst ", StringComparison.Ordinal)).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, Burst).Select(i => $"burst {i}").ToArray(), texts);
    }
}
