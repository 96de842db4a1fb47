namespace PushChat.Tests.Browser;

/// <summary>
/// Kills browsers a failed test left behind, once every test has run: a class cleanup would
/// kill the browsers of another class still running in parallel.
/// </summary>
[TestClass]
public static class BrowserCleanup
{
    [AssemblyCleanup]
    public static void KillAbandonedBrowsers() => ChromiumBrowser.KillAbandoned();
}
