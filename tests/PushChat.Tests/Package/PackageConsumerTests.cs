using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Package;

/// <summary>
/// PushChat as an application gets it: the package packed from this checkout, installed by
/// version into a fresh project (Package/Consumer) that runs a chat over loopback, on .NET 10
/// and, under Mono, on .NET Framework 4.7.2 through the netstandard2.0 build.
/// </summary>
[TestClass]
public sealed class PackageConsumerTests
{
    private const string MonoPath = "/usr/bin/mono";

    private static readonly Lazy<Task<string>> Consumer = new(BuildConsumerAsync);

    [TestMethod]
    [TestCategory("Package")]
    [Timeout(600_000)]
    public async Task A_net10_app_installs_the_package_and_chats_registers_and_stops()
    {
        var output = await Consumer.Value;

        var run = await PackedFeed.RunAsync("dotnet", output, TimeSpan.FromMinutes(2), Path.Combine(output, "net10.0", "consumer.dll"));

        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "consumer ok on .NET 10");
        StringAssert.Contains(run.Output, "with PushChat for .NETCoreApp,Version=v10.0");
    }

    [TestMethod]
    [TestCategory("Package")]
    [Timeout(600_000)]
    public async Task A_net472_app_under_mono_installs_the_package_and_chats_registers_and_stops()
    {
        RequireMono();
        var output = await Consumer.Value;

        var run = await PackedFeed.RunAsync(MonoPath, output, TimeSpan.FromMinutes(3), Path.Combine(output, "net472", "consumer.exe"));

        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "consumer ok on Mono");
        StringAssert.Contains(run.Output, "with PushChat for .NETStandard,Version=v2.0");
    }

    /// <summary>Makes the test inconclusive (or, on CI, fails it) when Mono is not installed.</summary>
    private static void RequireMono()
    {
        if (File.Exists(MonoPath) && File.Exists("/usr/lib/mono/4.5/Facades/netstandard.dll"))
        {
            return;
        }

        var reason = "The .NET Framework consumer runs under Mono, with the netstandard.dll facade of mono-devel, which is missing. "
            + "Install it as root: apt-get update && apt-get install -y mono-runtime mono-devel";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Inconclusive(reason);
    }

    /// <summary>Copies Package/Consumer out of the repository, installs PushChat into it from the packed feed and builds both targets.</summary>
    private static async Task<string> BuildConsumerAsync()
    {
        var feed = await PackedFeed.GetAsync();
        var project = Path.Combine(feed.Root, "consumer");
        Directory.CreateDirectory(project);
        var source = Path.Combine(TestPaths.RepositoryRoot(), "tests", "PushChat.Tests", "Package", "Consumer");
        foreach (var file in new[] { "Consumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(project, file));
        }

        feed.WriteNuGetConfig(project);
        var build = await PackedFeed.DotnetAsync(
            project,
            "build",
            "-c",
            "Release",
            "--disable-build-servers",
            "-p:PushChatVersion=" + feed.Version,
            "-p:ReferenceAssembliesVersion=" + PackedFeed.PinnedVersion("Microsoft.NETFramework.ReferenceAssemblies.net472"));
        Assert.AreEqual(0, build.ExitCode, build.Output);
        return Path.Combine(project, "bin", "Release");
    }
}
