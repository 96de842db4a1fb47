using PushChat.Tests.Browser;
using PushChat.Tests.Package;

namespace PushChat.Tests.Infrastructure;

/// <summary>
/// Cleans up once every test has run (an assembly has only one such method): kills browsers a
/// failed test left behind, since a class cleanup would kill the browsers of another class still
/// running in parallel, deletes the packed feed the package tests share and stops the shared
/// PostgreSQL server.
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
            try
            {
                PackedFeed.DeleteIfPacked();
            }
            finally
            {
                PostgresServer.StopShared();
            }
        }
    }
}
