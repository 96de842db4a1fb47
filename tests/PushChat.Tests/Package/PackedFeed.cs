using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Package;

/// <summary>
/// The PushChat, PushChat.Hosting and PushChat.PostgreSql packages packed from this checkout (Release) into a temporary
/// feed, once per test run, and the NuGet settings of a project that installs them from there.
/// </summary>
internal sealed class PackedFeed
{
    /// <summary>Long enough for a pack and a restore on a busy machine; a hung build still ends.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<Task<PackedFeed>> Instance = new(PackAsync);

    private static string? _createdRoot;

    private PackedFeed(string root, string version, IReadOnlyList<string> machineSources)
    {
        Root = root;
        Version = version;
        MachineSources = machineSources;
    }

    /// <summary>A temporary folder of this run: the feed, the packages folder and the consumer projects.</summary>
    public string Root { get; }

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The version the packages carry: a local pack's prerelease version (see Directory.Build.props).</summary>
    public string Version { get; }

    /// <summary>The package sources this machine restores from (its user-wide NuGet configuration).</summary>
    public IReadOnlyList<string> MachineSources { get; }

    public static Task<PackedFeed> GetAsync() => Instance.Value;

    /// <summary>Deletes the folder of this run, when a test packed one (it holds some 150 MB of packages).</summary>
    public static void DeleteIfPacked()
    {
        if (_createdRoot is { } root)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A build that was killed may still hold a file; the temp folder is cleaned by the system.
            }
        }
    }

    /// <summary>A version pinned in Directory.Packages.props.</summary>
    public static string PinnedVersion(string package) =>
        XDocument.Load(Path.Combine(TestPaths.RepositoryRoot(), "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == package)
            .Attribute("Version")!.Value;

    /// <summary>
    /// Writes the nuget.config of a project that installs PushChat: the two packages come only
    /// from the temporary feed (package source mapping), everything else from the machine's own
    /// sources, and restored packages go to a packages folder of this run, so a PushChat of the
    /// same version restored earlier elsewhere can never stand in for the one just packed.
    /// </summary>
    public void WriteNuGetConfig(string projectDirectory)
    {
        var sources = new StringBuilder();
        var mappings = new StringBuilder();
        for (var i = 0; i < MachineSources.Count; i++)
        {
            sources.AppendLine(CultureInfo.InvariantCulture, $"""    <add key="machine-{i}" value="{MachineSources[i]}" />""");
            mappings.AppendLine(CultureInfo.InvariantCulture, $"""    <packageSource key="machine-{i}"><package pattern="*" /></packageSource>""");
        }

        File.WriteAllText(Path.Combine(projectDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="pushchat-under-test" value="{Feed}" />
            {sources}  </packageSources>
              <packageSourceMapping>
                <packageSource key="pushchat-under-test"><package pattern="PushChat" /><package pattern="PushChat.Hosting" /><package pattern="PushChat.PostgreSql" /></packageSource>
            {mappings}  </packageSourceMapping>
            </configuration>
            """);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> and returns its exit code and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> DotnetAsync(string workingDirectory, params string[] args) =>
        RunAsync("dotnet", workingDirectory, BuildTimeout, args);

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs inside a build of its own; a child build must find its own SDK.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("NUGET_PACKAGES");

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', args)} did not end within {timeout}:\n{Snapshot(output)}");
        }

        return (process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task<PackedFeed> PackAsync()
    {
        var repository = TestPaths.RepositoryRoot();
        var root = Directory.CreateTempSubdirectory("pushchat-package-").FullName;
        _createdRoot = root;

        var sources = await DotnetAsync(root, "nuget", "list", "source", "--format", "short");
        Assert.AreEqual(0, sources.ExitCode, sources.Output);
        var machineSources = sources.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToList();

        // The machine's packages folder first: it holds the dependencies already, offline. It can
        // hold no PushChat that matters, since PushChat comes only from the feed (see WriteNuGetConfig).
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(cache))
        {
            machineSources.Insert(0, cache);
        }

        // Every package in one build: PushChat.Hosting and PushChat.PostgreSql depend on PushChat of the same version.
        var solution = Path.Combine(root, "pack.slnx");
        File.WriteAllText(solution, $"""
            <Solution>
              <Project Path="{Path.Combine(repository, "src", "PushChat", "PushChat.csproj")}" />
              <Project Path="{Path.Combine(repository, "src", "PushChat.Hosting", "PushChat.Hosting.csproj")}" />
              <Project Path="{Path.Combine(repository, "src", "PushChat.PostgreSql", "PushChat.PostgreSql.csproj")}" />
            </Solution>
            """);
        var pack = await DotnetAsync(root, "pack", solution, "-c", "Release", "-o", Path.Combine(root, "feed"), "--disable-build-servers");
        Assert.AreEqual(0, pack.ExitCode, pack.Output);
        var prefix = XDocument.Load(Path.Combine(repository, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
        var packed = Directory.GetFiles(Path.Combine(root, "feed"), "PushChat.*.nupkg")
            .Select(path => Path.GetFileName(path)["PushChat.".Length..^".nupkg".Length])
            .Where(version => char.IsDigit(version[0]))
            .ToList();
        Assert.HasCount(1, packed, pack.Output);
        var version = packed[0];

        // A local pack never carries the plain version, which a NuGet cache may already hold with older code.
        StringAssert.StartsWith(version, prefix + "-dev.", pack.Output);
        Assert.IsTrue(File.Exists(Path.Combine(root, "feed", $"PushChat.Hosting.{version}.nupkg")), pack.Output);
        Assert.IsTrue(File.Exists(Path.Combine(root, "feed", $"PushChat.PostgreSql.{version}.nupkg")), pack.Output);
        return new PackedFeed(root, version, machineSources);
    }
}
