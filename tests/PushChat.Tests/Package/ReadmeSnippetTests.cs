using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Package;

/// <summary>
/// Every C# example in README.md compiles against the packed packages. An example is a complete
/// program and builds as its own project, unless a <c>&lt;!-- fragment</c> comment stands right
/// before it: then it builds with every other fragment in one project, its type declarations in a
/// namespace of its own and its statements in a method that has what Package/Snippets/SnippetContext.cs
/// provides in scope. Errors name the README line.
/// </summary>
[TestClass]
public sealed partial class ReadmeSnippetTests
{
    [TestMethod]
    [TestCategory("Package")]
    [Timeout(600_000)]
    public async Task Every_csharp_example_in_the_readme_compiles_against_the_package()
    {
        var readme = Path.Combine(TestPaths.RepositoryRoot(), "README.md");
        var blocks = ReadBlocks(readme);
        Assert.IsNotEmpty(blocks, "README has no ```csharp example");

        var feed = await PackedFeed.GetAsync();
        var root = Path.Combine(feed.Root, "readme");
        var projects = new List<string> { WriteFragments(root, readme, blocks.Where(b => b.IsFragment)) };
        projects.AddRange(blocks.Where(b => !b.IsFragment).Select(b => WriteProgram(root, readme, b)));
        var solution = Path.Combine(root, "readme.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        feed.WriteNuGetConfig(root);

        var build = await PackedFeed.DotnetAsync(
            root,
            "build",
            solution,
            "--disable-build-servers",
            "-p:PushChatVersion=" + feed.Version,
            "-p:HostingVersion=" + PackedFeed.PinnedVersion("Microsoft.Extensions.Hosting"));

        if (build.ExitCode != 0)
        {
            var errors = ReadmeError().Matches(build.Output)
                .Select(m => (Line: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Text: m.Groups[2].Value.Trim()))
                .Distinct()
                .OrderBy(e => e.Line)
                .Select(e => $"README.md line {e.Line} (the example at line {blocks.Last(b => b.FenceLine < e.Line).FenceLine}): {e.Text}")
                .ToList();
            Assert.Fail(errors.Count > 0
                ? "README examples do not compile (mark an example that is not a complete program with <!-- fragment … --> before it):\n" + string.Join('\n', errors)
                : "The README examples did not build:\n" + build.Output);
        }
    }

    /// <summary>The ```csharp blocks of the README, with the line of their opening fence (1-based).</summary>
    private static List<Block> ReadBlocks(string readme)
    {
        var lines = File.ReadAllLines(readme);
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var previous = i - 1;
            while (previous >= 0 && lines[previous].Trim().Length == 0)
            {
                previous--;
            }

            var isFragment = previous >= 0 && lines[previous].TrimStart().StartsWith("<!-- fragment", StringComparison.Ordinal);
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            Assert.IsGreaterThan(i, end, $"README.md line {i + 1}: the example never ends");
            blocks.Add(new Block(i + 1, isFragment, lines[(i + 1)..end]));
            i = end;
        }

        return blocks;
    }

    /// <summary>
    /// One project with every fragment: a type declaration (a line at the margin that declares a
    /// class, record, struct or interface, up to the closing brace at the margin) goes into the
    /// fragment's namespace, everything else into its method. <c>#line</c> maps it all back to README.
    /// </summary>
    private static string WriteFragments(string root, string readme, IEnumerable<Block> fragments)
    {
        var directory = Path.Combine(root, "fragments");
        var snippets = Path.Combine(TestPaths.RepositoryRoot(), "tests", "PushChat.Tests", "Package", "Snippets");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(snippets, "Snippet.csproj"), Path.Combine(directory, "Fragments.csproj"));
        File.Copy(Path.Combine(snippets, "SnippetContext.cs"), Path.Combine(directory, "SnippetContext.cs"));
        foreach (var fragment in fragments)
        {
            var types = new StringBuilder();
            var statements = new StringBuilder();
            var inType = false;
            StringBuilder? current = null;
            for (var i = 0; i < fragment.Lines.Length; i++)
            {
                var line = fragment.Lines[i];
                var target = inType || TypeDeclaration().IsMatch(line) ? types : statements;
                inType = target == types && line != "}";
                if (target != current)
                {
                    target.Append(CultureInfo.InvariantCulture, $"#line {fragment.FenceLine + 1 + i} \"{readme}\"\n");
                    current = target;
                }

                target.Append(line).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, $"Readme.L{fragment.FenceLine}.cs"), $$"""
                namespace ReadmeSnippets.L{{fragment.FenceLine}};

                {{types}}
                #line default
                internal sealed class Snippet : SnippetContext
                {
                    internal static async Task RunAsync()
                    {
                {{statements}}
                #line default
                        await Task.CompletedTask;
                    }
                }

                """);
        }

        return Path.Combine(directory, "Fragments.csproj");
    }

    /// <summary>A complete program: its own project, the example as Program.cs.</summary>
    private static string WriteProgram(string root, string readme, Block program)
    {
        var directory = Path.Combine(root, $"program-L{program.FenceLine}");
        Directory.CreateDirectory(directory);
        var project = Path.Combine(directory, $"ReadmeL{program.FenceLine}.csproj");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot(), "tests", "PushChat.Tests", "Package", "Snippets", "Snippet.csproj"), project);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), $"#line {program.FenceLine + 1} \"{readme}\"\n" + string.Join('\n', program.Lines) + "\n");
        return project;
    }

    [GeneratedRegex(@"^(?:public |internal )?(?:(?:sealed|static|abstract|partial) )*(?:class|record|struct|interface) ")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"README\.md\((\d+),\d+\): error (.*?)(?: \[[^\]]*\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex ReadmeError();

    private sealed record Block(int FenceLine, bool IsFragment, string[] Lines);
}
