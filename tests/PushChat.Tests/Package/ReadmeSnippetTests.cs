using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Package;

/// <summary>
/// Every C# example in README.md compiles as a reader pastes it: as the whole Program.cs of a new
/// console app (<c>dotnet new console</c>: net10.0, implicit usings, nullable) that has only the
/// packages README tells the reader to add, installed from the packed feed. Nothing is added
/// around an example. An example whose text says "Add to the [NAME](#section), before|after|in
/// place of `LINE`:" is built the way that sentence says: the first complete example of that
/// section with this one put at that line. The packages are PushChat and every
/// <c>dotnet add package</c> of a shell block before it under the same heading (and those of the
/// example added to). An example whose text since the previous C# example names <c>net472</c> is
/// built for .NET Framework 4.7.2 too, with <c>LangVersion latest</c> as README says, and one
/// whose text says <c>dotnet new web</c> is a web app. Errors name the README line.
/// </summary>
[TestClass]
public sealed partial class ReadmeSnippetTests
{
    [TestMethod]
    [TestCategory("Package")]
    [Timeout(900_000)]
    public async Task Every_csharp_example_in_the_readme_compiles_as_pasted_into_a_new_app()
    {
        var readme = Path.Combine(TestPaths.RepositoryRoot(), "README.md");
        var examples = ReadExamples(readme);
        Assert.IsNotEmpty(examples, "README has no ```csharp example");

        var feed = await PackedFeed.GetAsync();
        var root = Path.Combine(feed.Root, "readme");
        var projects = examples.Select(e => WriteProject(root, readme, e, feed.Version)).ToList();
        var solution = Path.Combine(root, "readme.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        feed.WriteNuGetConfig(root);

        var build = await PackedFeed.DotnetAsync(root, "build", solution, "--disable-build-servers");

        if (build.ExitCode != 0)
        {
            var errors = ReadmeError().Matches(build.Output)
                .Select(m => (Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), Example: m.Groups["example"].Value, Framework: m.Groups["tfm"].Value, Text: m.Groups["text"].Value.Trim()))
                .Distinct()
                .OrderBy(e => e.Line)
                .Select(e => $"README.md line {e.Line} (built as the example at line {e.Example}{(e.Framework.Length > 0 ? ", " + e.Framework : "")}): {e.Text}")
                .ToList();
            Assert.Fail(errors.Count > 0
                ? "README examples do not compile as pasted into a new app:\n" + string.Join('\n', errors)
                : "The README examples did not build:\n" + build.Output);
        }
    }

    /// <summary>The ```csharp blocks of README, each with what the text around it says about it.</summary>
    private static List<Example> ReadExamples(string readme)
    {
        var lines = File.ReadAllLines(readme);
        var examples = new List<Example>();
        var prose = new List<string>();
        var sincePreviousExample = new List<string>();
        var packages = new List<string>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                if (line.StartsWith('#'))
                {
                    section = Anchor(line.TrimStart('#').Trim());
                    packages.Clear();
                }
                prose.Add(line);
                sincePreviousExample.Add(line);
                continue;
            }

            var language = line[3..].Trim();
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            Assert.IsGreaterThan(i, end, $"README.md line {i + 1}: the block never ends");
            var body = lines[(i + 1)..end];
            if (language == "sh")
            {
                packages.AddRange(body.SelectMany(l => AddPackage().Matches(l)).Select(m => m.Groups[1].Value));
            }
            else if (language == "csharp")
            {
                var text = string.Join(' ', prose.Select(l => l.Trim()));
                var context = string.Join(' ', sincePreviousExample.Select(l => l.Trim()));
                var addition = Addition().Match(text);
                Example? addsTo = null;
                if (addition.Success)
                {
                    var anchor = addition.Groups["anchor"].Value;
                    addsTo = examples.FirstOrDefault(e => e.Section == anchor && e.AddsTo is null);
                    Assert.IsNotNull(addsTo, $"README.md line {i + 1}: the text says it adds to #{anchor}, which has no complete example before it");
                    var at = addsTo.Lines.Count(l => l.Trim() == addition.Groups["line"].Value);
                    Assert.AreEqual(1, at, $"README.md line {i + 1}: the example at line {addsTo.FenceLine} should have the line `{addition.Groups["line"].Value}` once");
                }

                examples.Add(new Example(
                    i + 1,
                    section,
                    body,
                    addsTo,
                    addition.Success ? addition.Groups["where"].Value : null,
                    addition.Success ? addition.Groups["line"].Value : null,
                    ["PushChat", .. packages, .. addsTo?.Packages ?? []],
                    context.Contains("net472", StringComparison.Ordinal),
                    context.Contains("dotnet new web", StringComparison.Ordinal)));
                sincePreviousExample.Clear();
            }

            prose.Clear();
            i = end;
        }

        return examples;
    }

    /// <summary>A new console app with the example as Program.cs; <c>#line</c> maps every line back to README.</summary>
    private static string WriteProject(string root, string readme, Example example, string pushChatVersion)
    {
        var directory = Path.Combine(root, $"example-L{example.FenceLine}");
        Directory.CreateDirectory(directory);

        var source = new StringBuilder();
        void Append(int firstLine, IEnumerable<string> lines)
        {
            source.Append(CultureInfo.InvariantCulture, $"#line {firstLine} \"{readme}\"\n");
            foreach (var line in lines)
            {
                source.Append(line).Append('\n');
            }
        }

        if (example.AddsTo is { } baseExample)
        {
            var at = Array.FindIndex(baseExample.Lines, l => l.Trim() == example.AtLine);
            var before = example.Where == "after" ? at + 1 : at;
            var after = example.Where == "before" ? at : at + 1;
            Append(baseExample.FenceLine + 1, baseExample.Lines[..before]);
            Append(example.FenceLine + 1, example.Lines);
            Append(baseExample.FenceLine + 1 + after, baseExample.Lines[after..]);
        }
        else
        {
            Append(example.FenceLine + 1, example.Lines);
        }

        File.WriteAllText(Path.Combine(directory, "Program.cs"), source.ToString());

        var references = new StringBuilder();
        foreach (var package in example.Packages.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            references.Append(CultureInfo.InvariantCulture, $"""    <PackageReference Include="{package}" Version="{VersionOf(package, pushChatVersion)}" />""").Append('\n');
        }

        var frameworks = example.AlsoNet472 ? "net10.0;net472" : "net10.0";
        var project = Path.Combine(directory, $"ReadmeL{example.FenceLine}.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="{(example.WebApp ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk")}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>{frameworks}</TargetFrameworks>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <LangVersion Condition="'$(TargetFramework)' == 'net472'">latest</LangVersion>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
              <ItemGroup Condition="'$(TargetFramework)' == 'net472'">
                <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies.net472" Version="{PackedFeed.PinnedVersion("Microsoft.NETFramework.ReferenceAssemblies.net472")}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        return project;
    }

    /// <summary>The packed version for PushChat's packages; this repository's pinned version for the rest (Microsoft.Extensions.* ship together).</summary>
    private static string VersionOf(string package, string pushChatVersion)
    {
        if (package is "PushChat" or "PushChat.Hosting" or "PushChat.PostgreSql")
        {
            return pushChatVersion;
        }

        try
        {
            return PackedFeed.PinnedVersion(package);
        }
        catch (InvalidOperationException) when (package.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
        {
            return PackedFeed.PinnedVersion("Microsoft.Extensions.Hosting");
        }
    }

    /// <summary>GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading) =>
        string.Concat(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    [GeneratedRegex(@"[Aa]dd to the \[[^\]]+\]\(#(?<anchor>[\w-]+)\), (?<where>before|after|in place of) `(?<line>[^`]+)`:")]
    private static partial Regex Addition();

    [GeneratedRegex(@"dotnet add package ([\w.]+)")]
    private static partial Regex AddPackage();

    [GeneratedRegex(@"README\.md\((?<line>\d+),\d+\): error (?<text>.*?) \[[^\]]*ReadmeL(?<example>\d+)\.csproj(?:::TargetFramework=(?<tfm>[\w.]+))?\]\r?$", RegexOptions.Multiline)]
    private static partial Regex ReadmeError();

    private sealed record Example(int FenceLine, string Section, string[] Lines, Example? AddsTo, string? Where, string? AtLine, string[] Packages, bool AlsoNet472, bool WebApp);
}
