using PushChat.Tests.Browser;
using PushChat.Tests.Package;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// Cleans up once every test has run (an assembly has only one such method): kills browsers a
/// failed test left behind, since a class cleanup would kill the browsers of another class still
/// running in parallel, and deletes the packed feed the package tests share.
/// </summary>
[TestClass]
public static class TestRunCleanup
{
    [AssemblyCleanup]
    public static void CleanUp()
    {
        try
        {
            ChromiumBrowser.KillAbandoned();
        }
        finally
        {
            PackedFeed.DeleteIfPacked();
        }
    }
}
