using System.Globalization;
using System.Text;
using PushChat.Filtering;
using PushChat.Tests.Infrastructure;
using static PushChat.Tests.Browser.ClassicFrames;

namespace PushChat.Tests.Browser;

/// <summary>
/// The classic chat frame renewing its document in a real Chromium: the refresh at the end of a
/// document is followed, the new document goes on from the old one's last line with none lost or
/// repeated, and a tab that has shown 10,000 lines holds only the last document's.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class ChatFrameRenewalBrowserTests
{
    // Installed in the top page, which outlives the chat frame's documents. A chat document fires
    // load only when its stream ended with the renewal, and Chromium runs the refresh only after
    // that load: so each finished document's address and lines are kept here, complete, before
    // the next one replaces it. Summarising, only the count and the first and last line are kept,
    // so that a measured heap does not hold every line. Lines are "{seq}|text".
    // Given a number of sayings, that many times three lines are said through the talk form's own
    // fields in the same load handler, with a synchronous request: the page can run nothing
    // else meanwhile, so the line is posted after the old document's stream ended and before
    // the new document is asked for, exactly while the frame reloads.
    private const string RecordFinishedDocuments = """
        const summarise = arguments[0];
        let sayings = arguments[1];
        const text = p => {
          const time = p.querySelector('time');
          return p.dataset.seq + '|' + p.textContent.slice(time ? time.textContent.length : 0).trim();
        };
        window.pushChatDocument = (d, withLines) => {
          const lines = d.querySelectorAll('.log p.line');
          return [d.location.href, String(lines.length), lines.length ? text(lines[0]) : '', lines.length ? text(lines[lines.length - 1]) : '']
            .concat(withLines ? Array.from(lines).map(text) : []);
        };
        window.pushChatDocuments = [];
        window.pushChatSaid = [];
        document.querySelector('frame[name=chat]').addEventListener('load', e => {
          window.pushChatDocuments.push(window.pushChatDocument(e.target.contentDocument, !summarise));
          if (sayings-- > 0) {
            const form = window.frames['talk'].document.querySelector('form.say');
            for (let k = 1; k <= 3; k++) {
              const fields = new URLSearchParams(new FormData(form));
              const said = 'said while the frame reloads ' + window.pushChatDocuments.length + '.' + k;
              fields.set('text', said);
              const post = new XMLHttpRequest();
              // The form's own 'action' select hides its action property.
              post.open('POST', form.getAttribute('action'), false);
              post.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
              post.send(fields.toString());
              window.pushChatSaid.push([String(window.pushChatDocuments.length), String(post.status), said]);
            }
          }
        });
        """;

    // Run in the chat frame: every document it showed so far as [address, count, first line, last
    // line, lines...], the current one last unless it already finished (and was recorded).
    private const string ShownDocuments = """
        const docs = window.top.pushChatDocuments.slice();
        if (docs.length === 0 || docs[docs.length - 1][0] !== location.href) {
          docs.push(window.top.pushChatDocument(document, arguments[0]));
        }
        return docs;
        """;

    // Lines posted at once in the measurement: fewer than a room's log keeps by default (100).
    private const int Chunk = 100;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_renewing_chat_frame_shows_every_line_once_across_its_documents_and_the_talk_frame_still_works()
    {
        ChromiumBrowser.RequireInstalled();

        // The room keeps every line of the test: a burst longer than its log while the frame reloads
        // is not what this test is about. Ann says seven lines while the clock stands still.
        await using var chat = await ChatTestServer.StartAsync(o =>
        {
            o.Limits.ChatFrameRenewAfterItems = 50;
            o.HistoryLength = 1000;
            o.MessageFilters.Clear();
            o.MessageFilters.Add(new FloodLimitFilter(maxMessages: 10));
        });
        using var ann = ChromiumBrowser.Launch();
        LogIn(ann, chat, "ann");
        ann.EnterFrame("talk");
        ann.Until("an empty talk form", () => ann.Script("return " + TalkFormState) as string == "empty:ann");
        ann.LeaveFrames();
        ann.Script(RecordFinishedDocuments, false, 2);
        ann.EnterFrame("chat");
        var first = Shown(ann, withLines: false)[^1].Href;
        Assert.IsFalse(first.Contains("after=", StringComparison.Ordinal), first);

        // A burst: the first document renews after the delivery that reaches its 50th line; what is left comes while it reloads.
        Post(chat, 1, 120);
        var second = ann.WaitFor("a second chat document", () => Shown(ann, withLines: false)[^1].Href is var href && href != first ? href : null);

        // Lines posted as soon as the frame shows its new document, then another burst that renews it again.
        Post(chat, 121, 123);
        WaitForShown(ann, "notice 123");
        Post(chat, 124, 180);
        ann.WaitFor("a third chat document", () => Shown(ann, withLines: false)[^1].Href is var href && href != first && href != second ? href : null);
        Post(chat, 181, 183);
        WaitForShown(ann, "notice 183");

        Say(ann, "still talking after the renewals", ann);

        ann.EnterFrame("chat");
        var documents = Shown(ann, withLines: true);
        ann.LeaveFrames();
        var said = ((IEnumerable<object>)ann.Script("return window.pushChatSaid;")!)
            .Select(o => ((IEnumerable<object>)o).Select(x => (string)x).ToArray())
            .Select(a => (AfterDocument: int.Parse(a[0], CultureInfo.InvariantCulture), Status: int.Parse(a[1], CultureInfo.InvariantCulture), Text: "ann " + a[2]))
            .ToList();
        var report = string.Join("\n", documents.Select(d => $"{d.Href}: {d.Lines.Count} lines, {d.Lines.FirstOrDefault()} .. {d.Lines.LastOrDefault()}"))
            + "\n" + string.Join("\n", said.Select(s => $"said after document {s.AfterDocument} ({s.Status}): {s.Text}"));
        TestContext.WriteLine(report);

        Assert.IsGreaterThanOrEqualTo(3, documents.Count, "the frame renewed at least twice:\n" + report);
        Assert.AreEqual(documents.Count, documents.Select(d => d.Href).Distinct(StringComparer.Ordinal).Count(), report);
        foreach (var renewed in documents.Skip(1))
        {
            StringAssert.Contains(renewed.Href, "&after=", "a renewed document goes on from its cursor");
        }

        // Every line of the room's log once, in the log's order: its positions follow each other from the first.
        var all = documents.SelectMany(d => d.Lines).ToList();
        var positions = all.Select(l => long.Parse(l.Split('|', 2)[0], CultureInfo.InvariantCulture)).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, all.Count).Select(i => (long)i).ToArray(), positions, "a line lost or repeated:\n" + report);
        var expected = new[] { "ann joined." }
            .Concat(Enumerable.Range(1, 183).Select(i => $"notice {i}"))
            .Concat(said.Select(s => s.Text))
            .Append("ann still talking after the renewals")
            .Order(StringComparer.Ordinal)
            .ToArray();
        CollectionAssert.AreEqual(expected, all.Select(Text).Order(StringComparer.Ordinal).ToArray(), "the lines shown across the documents:\n" + report);
        CollectionAssert.AreEqual(
            Enumerable.Range(1, 183).Select(i => $"notice {i}").ToArray(),
            all.Select(Text).Where(t => t.StartsWith("notice ", StringComparison.Ordinal)).ToArray(),
            "the notices in the order they were posted:\n" + report);

        // The lines said while the frame reloaded reached the documents after the one that had ended.
        Assert.HasCount(6, said, report);
        foreach (var saying in said)
        {
            Assert.IsLessThan(400, saying.Status, report);
            var shownIn = documents.FindIndex(d => d.Lines.Any(l => Text(l) == saying.Text)) + 1;
            Assert.IsGreaterThan(saying.AfterDocument, shownIn, $"'{saying.Text}' was said after document {saying.AfterDocument} had ended:\n" + report);
        }
    }

    [TestMethod]
    public async Task A_tab_after_10000_lines_holds_one_document_of_lines_when_the_frame_renews_and_all_of_them_when_not()
    {
        ChromiumBrowser.RequireInstalled();
        var measured = (await MeasureAsync(renewAfter: 0)).Concat(await MeasureAsync(renewAfter: 1000)).ToList();

        var table = new StringBuilder()
            .AppendLine("# A classic chat tab after 10,000 lines in Chromium")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{measured[0].Browser}, headless, --enable-precise-memory-info; a fresh server and tab per setting; the reader's join and then notices, a hundred at a time; measured in the chat frame after a forced garbage collection (HeapProfiler.collectGarbage). The JS heap is the whole tab's (its frames share one); the DOM's nodes live outside it. DevTools figures are Performance.getMetrics (Nodes counts text nodes too, of every document in the tab). The page renderer's RSS is VmRSS from /proc of the largest renderer process, where the DOM lives; it includes memory the renderer keeps for reuse.")
            .AppendLine()
            .AppendLine("| ChatFrameRenewAfterItems | notices posted | documents so far | lines in the document | elements in the document | performance.memory.usedJSHeapSize | DevTools JSHeapUsedSize | DevTools Nodes | DevTools Documents | page renderer's RSS |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in measured)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {m.RenewAfter} | {m.Posted:N0} | {m.Documents} | {m.Lines:N0} | {m.Elements:N0} | {m.UsedJsHeap:N0} | {m.Metric("JSHeapUsedSize"):N0} | {m.Metric("Nodes"):N0} | {m.Metric("Documents"):N0} | {(m.RendererResident is { } rss ? rss.ToString("N0", CultureInfo.InvariantCulture) : "not measured")} |");
        }

        var text = table.ToString();
        TestContext.WriteLine(text);
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "Browser");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "chat-frame-after-10000-lines.md");
        await File.WriteAllTextAsync(path, text);
        TestContext.AddResultFile(path);
        TestContext.WriteLine("Written to " + path);

        var never = measured.Single(m => m.RenewAfter == 0 && m.Posted == 10_000);
        Assert.AreEqual(1, never.Documents, "a frame that never renews keeps its one document");
        Assert.AreEqual(10_001, never.Lines, "a frame that never renews shows every line");
        Assert.IsGreaterThanOrEqualTo(2 * 10_001, never.Elements, "each line is at least a paragraph and its time");
        Assert.IsGreaterThanOrEqualTo(10, measured.Single(m => m.RenewAfter == 1000 && m.Posted == 10_000).Documents, "a frame renewing every 1,000 lines renewed at least ten times in 10,001");
        foreach (var renewing in measured.Where(m => m.RenewAfter == 1000))
        {
            Assert.IsLessThanOrEqualTo(1000 + Chunk, renewing.Lines, $"after {renewing.Posted}, a renewing frame's document holds about its 1,000 lines at most");
            Assert.IsLessThanOrEqualTo((2 * renewing.Lines) + 20, renewing.Elements, $"after {renewing.Posted}, a renewing frame's document holds its lines' elements and its frame");
            var notRenewing = measured.Single(m => m.RenewAfter == 0 && m.Posted == renewing.Posted);
            Assert.IsLessThan(notRenewing.Elements / 5, renewing.Elements, $"after {renewing.Posted}, a renewing frame's document is a fraction of one that never renews");
        }
    }

    /// <summary>
    /// A tab of a fresh server measured after 9,900 lines (a renewing document holds 900 then, the
    /// most it holds when measured at a hundred) and after 10,000. Lines are posted a hundred at a time, each hundred once the
    /// frame shows the one before, so that no reader falls past its stream's bound and a frame
    /// that reloads finds what it missed still in the room's log of 100.
    /// </summary>
    private static async Task<List<Measurement>> MeasureAsync(int renewAfter)
    {
        await using var chat = await ChatTestServer.StartAsync(o => o.Limits.ChatFrameRenewAfterItems = renewAfter);
        using var reader = ChromiumBrowser.Launch("--enable-precise-memory-info");
        LogIn(reader, chat, "reader");
        reader.LeaveFrames();
        reader.Script(RecordFinishedDocuments, true, 0);
        reader.EnterFrame("chat");
        var measured = new List<Measurement>();
        for (var from = 1; from <= 10_000; from += Chunk)
        {
            var to = from + Chunk - 1;
            Post(chat, from, to);
            WaitForLastLine(reader, $"notice {to}");
            if (to is 9_900 or 10_000)
            {
                measured.Add(Measure(reader, renewAfter, to));
            }
        }

        AssertContiguous(Shown(reader, withLines: false));
        return measured;
    }

    private static Measurement Measure(ChromiumBrowser reader, int renewAfter, int posted)
    {
        var documents = Shown(reader, withLines: false);
        reader.Cdp("HeapProfiler.collectGarbage");
        var elements = Convert.ToInt64(reader.Script("return document.getElementsByTagName('*').length;"), CultureInfo.InvariantCulture);
        var heap = Convert.ToInt64(reader.Script("return performance.memory.usedJSHeapSize;"), CultureInfo.InvariantCulture);
        reader.Cdp("Performance.enable");
        var metrics = ((IEnumerable<object>)((IDictionary<string, object>)reader.Cdp("Performance.getMetrics")!)["metrics"])
            .Cast<IDictionary<string, object>>()
            .ToDictionary(m => (string)m["name"], m => Convert.ToDouble(m["value"], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var version = (string)((IDictionary<string, object>)reader.Cdp("Browser.getVersion")!)["product"];
        return new Measurement(renewAfter, posted, version, documents.Count, documents[^1].Count, elements, heap, metrics, reader.PageRendererResidentBytes());
    }

    /// <summary>Each document goes on from the line after the previous one's last, and together they hold the join and 10,000 notices.</summary>
    private static void AssertContiguous(List<(string Href, int Count, string First, string Last, List<string> Lines)> shown)
    {
        // A document renewed on the last line leaves a new one without lines yet.
        var documents = shown.Where(d => d.Count > 0).ToList();
        var report = string.Join("\n", documents.Select(d => $"{d.Href}: {d.Count} lines, {d.First} .. {d.Last}"));
        Assert.AreEqual("reader joined.", Text(documents[0].First), report);
        Assert.AreEqual("notice 10000", Text(documents[^1].Last), report);
        Assert.AreEqual(10_001, documents.Sum(d => d.Count), "lines across the documents:\n" + report);
        for (var i = 1; i < documents.Count; i++)
        {
            var previous = Text(documents[i - 1].Last);
            var expected = previous == "reader joined." ? "notice 1" : $"notice {int.Parse(previous["notice ".Length..], CultureInfo.InvariantCulture) + 1}";
            Assert.AreEqual(expected, Text(documents[i].First), "a document goes on from the previous one's last line:\n" + report);
        }
    }

    private static string Text(string line) => line.Split('|', 2)[1];

    private static void Post(ChatTestServer chat, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            chat.Server.PostNotice($"notice {i}");
        }
    }

    /// <summary>Every document the chat frame showed so far (see <see cref="ShownDocuments"/>); works in the chat frame.</summary>
    private static List<(string Href, int Count, string First, string Last, List<string> Lines)> Shown(ChromiumBrowser browser, bool withLines) =>
        ((IEnumerable<object>)browser.Script(ShownDocuments, withLines)!)
            .Select(d => ((IEnumerable<object>)d).Select(o => (string)o).ToList())
            .Select(d => (d[0], int.Parse(d[1], CultureInfo.InvariantCulture), d[2], d[3], d.Skip(4).ToList()))
            .ToList();

    /// <summary>
    /// Waits until a document of the chat frame showed <paramref name="text"/>; lines said while the
    /// frame reloads may come after it.
    /// </summary>
    private static void WaitForShown(ChromiumBrowser browser, string text)
    {
        browser.EnterFrame("chat");
        browser.Until($"'{text}' in the chat frame", () => Shown(browser, withLines: true).Any(d => d.Lines.Any(l => Text(l) == text)));
    }

    /// <summary>Waits until the last line the chat frame showed, in whichever document, is <paramref name="text"/>.</summary>
    private static void WaitForLastLine(ChromiumBrowser browser, string text)
    {
        browser.EnterFrame("chat");
        browser.Until($"'{text}' as the chat frame's last line", () => Shown(browser, withLines: false).LastOrDefault(d => d.Count > 0).Last is { Length: > 0 } last && Text(last) == text);
    }

    private sealed record Measurement(int RenewAfter, int Posted, string Browser, int Documents, int Lines, long Elements, long UsedJsHeap, IReadOnlyDictionary<string, double> Metrics, long? RendererResident)
    {
        public double Metric(string name) => Metrics.TryGetValue(name, out var value) ? value : double.NaN;
    }
}
