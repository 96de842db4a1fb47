using PushChat.Tests.Infrastructure;
using PushChat.Tests.ScaleOut;

namespace PushChat.Tests.Browser;

/// <summary>
/// One chat on two console host processes over one PostgreSQL database, behind nginx balancing
/// round-robin with no stickiness (samples/ConsoleHost/deploy/nginx-two-nodes.conf, as operators
/// copy it), used by people in real browsers: every request of a page may land on either node, so
/// any node must serve any request.
/// </summary>
[TestClass]
[TestCategory("Browser")]
public sealed class LoadBalancedBrowserTests
{
    private const string AliceAgent = "PushChatTest-alice";
    private const string BobAgent = "PushChatTest-bob";

    // The name browsers reach the chat by; the nodes answer for it alone (AllowedHosts), so nginx
    // must pass the browser's Host on. Over plain HTTP it must be localhost or a loopback address:
    // to any other name Chromium posts a form with "Origin: null" (the pages' no-referrer policy)
    // and no Sec-Fetch-Site, which the chat refuses as another site's form.
    private const string PublicName = "localhost";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Two_people_chat_whisper_and_move_rooms_through_nginx_over_two_nodes()
    {
        ChromiumBrowser.RequireInstalled();
        NginxServer.RequireInstalled();
        var database = PostgresServer.Shared.CreateDatabase();
        string[] behindNginx = ["--Chat:TrustedProxies:0", "127.0.0.1", "--Chat:AllowedHosts:0", PublicName];
        await using var a = await ConsoleHostNode.StartAsync(database, "a", new CookieJar(), behindNginx);
        await using var b = await ConsoleHostNode.StartAsync(database, "b", new CookieJar(), behindNginx);
        using var nginx = await NginxServer.StartAsync(a.EndPoint.Port, b.EndPoint.Port);
        using var alice = ChromiumBrowser.Launch("--user-agent=" + AliceAgent);
        using var bob = ChromiumBrowser.Launch("--user-agent=" + BobAgent);
        var home = nginx.HomeAs(PublicName);
        try
        {
            ModernPage.LogIn(alice, home, "alice");
            ClassicFrames.LogIn(bob, home, "bob");
            ModernPage.WaitForLine(alice, "system", "bob joined.");
            alice.Until("bob in the online list", () => ModernPage.OnlineNames(alice).Contains("bob"));

            // Lines both ways.
            ModernPage.Say(alice, "hello from the new page");
            ClassicFrames.WaitForLine(bob, "alice hello from the new page");
            ClassicFrames.Say(bob, "hello from the frames", bob);
            ModernPage.WaitForLine(alice, "public", "hello from the frames");

            // Whispers both ways: from the online list, and from the names frame.
            alice.Click("the whisper button of bob", "#people li[data-name=bob] button.whisper");
            ModernPage.Say(alice, "only for bob");
            bob.EnterFrame("chat");
            bob.Until("alice's whisper in bob's chat frame", () => ClassicFrames.ReadLines(bob).Any(l => l.Text.Contains("only for bob", StringComparison.Ordinal)));
            ModernPage.WaitForLine(alice, "whisper", "only for bob");
            bob.EnterFrame("names");
            bob.Click("the whisper link beside alice", $"{ClassicFrames.NamesNow} a[aria-label='whisper to alice']");
            bob.EnterFrame("talk");
            bob.Until("the talk form set to whisper to alice", () => (bool)bob.Script("return document.querySelector('#to')?.value === 'alice' && document.querySelector('input[name=private]').checked;")!);
            ClassicFrames.Say(bob, "only for alice");
            ModernPage.WaitForLine(alice, "whisper", "only for alice");

            // bob moves to the garden from the talk box; alice sees him go, then follows from the modern page.
            bob.EnterFrame("talk");
            bob.Script("document.querySelector('#to').value = ''; document.querySelector('input[name=private]').checked = false;");
            ClassicFrames.Say(bob, "/join Garden");
            ModernPage.WaitForLine(alice, "system", "bob went to Garden.");
            ClassicFrames.WaitForLine(bob, "bob went to Garden.");
            alice.Script("document.getElementById('to').value = '';");
            alice.Find("#room").SendKeys("Garden");
            alice.Find("#join button[type=submit]").Click();
            alice.Until("the modern page in the garden", () => alice.Find("#room-name").Text.Contains("Garden", StringComparison.Ordinal));
            bob.EnterFrame("chat");
            bob.Until("alice joining the garden", () => ClassicFrames.ReadLines(bob).SkipWhile(l => l.Text != "bob went to Garden.").Any(l => l.Text == "alice joined."));
            ModernPage.Say(alice, "among the roses");
            ClassicFrames.WaitForLine(bob, "alice among the roses");
            ClassicFrames.Say(bob, "the roses answer", bob);
            ModernPage.WaitForLine(alice, "public", "the roses answer");

            // Round-robin with no stickiness: each browser's session, made by the node that took its
            // login, was used through the other node too; no request failed over or got a 5xx.
            var nodeAddresses = new[] { a.EndPoint.ToString(), b.EndPoint.ToString() };
            var served = nginx.FinishedRequests();
            TestContext.WriteLine(string.Join("\n", served));
            Assert.IsTrue(served.All(r => nodeAddresses.Contains(r.Upstream) && !r.Status.StartsWith('5')), "a request failed or was retried on another node:\n" + string.Join("\n", served));
            foreach (var agent in new[] { AliceAgent, BobAgent })
            {
                var requests = served.Where(r => r.UserAgent == agent).ToList();
                var login = requests.FindIndex(r => r is { Method: "POST", Path: ChatRoutes.Login, Status: "303" });
                Assert.IsTrue(login >= 0, $"no login of {agent}:\n" + string.Join("\n", served));
                var loginNode = requests[login].Upstream;
                Assert.IsTrue(
                    requests.Skip(login + 1).Any(r => r.Upstream != loginNode),
                    $"{agent} logged in through {loginNode} and never reached the other node:\n" + string.Join("\n", requests));
            }
        }
        catch
        {
            ClassicFrames.SaveScreenshot(TestContext, alice, "load-balanced-alice.png");
            ClassicFrames.SaveScreenshot(TestContext, bob, "load-balanced-bob.png");
            TestContext.WriteLine("nginx error log:\n" + nginx.ErrorLog());
            TestContext.WriteLine($"node a:\n{a.Output}\nnode b:\n{b.Output}");
            TestContext.WriteLine("requests:\n" + string.Join("\n", nginx.FinishedRequests()));
            throw;
        }
    }
}
