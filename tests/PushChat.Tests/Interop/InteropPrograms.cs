using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Interop;

/// <summary>
/// Where the interop tests find the clients nobody here wrote: Debian's node with the npm packages
/// pinned in <c>Interop/node</c>, and curl. Like the browser tests, a test whose client is missing
/// is inconclusive, except on CI (CI=true), where it fails: <c>.ci/run</c> installs them all.
/// </summary>
public static class InteropPrograms
{
    public const string NodePath = "/usr/bin/node";
    public const string CurlPath = "/usr/bin/curl";

    /// <summary>The folder of the node scripts, their package.json and package-lock.json.</summary>
    public static string NodeFolder => Path.Combine(TestPaths.RepositoryRoot(), "tests", "PushChat.Tests", "Interop", "node");

    /// <summary>Makes the test inconclusive (or, on CI, fails it) when node or the npm packages are missing.</summary>
    public static void RequireNode()
    {
        Require(
            [NodePath, Path.Combine(NodeFolder, "node_modules", "ws", "package.json"), Path.Combine(NodeFolder, "node_modules", "eventsource", "package.json")],
            $"Install them as root: apt-get install -y nodejs npm && (cd {NodeFolder} && npm ci)");
    }

    /// <summary>Makes the test inconclusive (or, on CI, fails it) when curl is missing.</summary>
    public static void RequireCurl() => Require([CurlPath], "Install it as root: apt-get install -y curl");

    /// <summary>Runs one of the node scripts with its arguments.</summary>
    public static ClientProcess StartNode(string script, params string[] arguments)
    {
        RequireNode();
        return ClientProcess.Start(NodePath, NodeFolder, [Path.Combine(NodeFolder, script), .. arguments]);
    }

    private static void Require(string[] paths, string howToInstall)
    {
        var missing = paths.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var reason = $"Interop tests need {string.Join(" and ", missing)}, which is missing. {howToInstall}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Inconclusive(reason);
    }
}
