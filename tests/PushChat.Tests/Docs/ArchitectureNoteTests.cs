using System.Reflection;
using System.Text.RegularExpressions;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Docs;

[TestClass]
public sealed partial class ArchitectureNoteTests
{
    // Names the note may use that are not PushChat's: the platform types it builds on.
    private static readonly HashSet<string> PlatformNames = new(StringComparer.Ordinal)
    {
        "TimeProvider", "TimeProvider.System", "Microsoft.Bcl.TimeProvider", "SslStream", "PipeReader", "SocketAsyncEventArgs",
    };

    [TestMethod]
    public void Every_type_and_member_the_architecture_note_names_exists_in_the_code()
    {
        var note = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "src", "PushChat", "ARCHITECTURE.md"));
        var types = typeof(ChatServer).Assembly.GetTypes();
        var typesByName = types.ToLookup(t => Regex.Replace(t.Name, "`\\d+$", string.Empty), StringComparer.Ordinal);
        var missing = new List<string>();
        var named = 0;

        foreach (Match code in CodeSpan().Matches(note))
        {
            var name = Regex.Replace(code.Groups[1].Value, "<[^>]*>", string.Empty);
            if (!Identifier().IsMatch(name) || PlatformNames.Contains(name))
            {
                continue;
            }

            named++;
            var parts = name.Split('.');
            var found = parts.Length == 1
                ? typesByName[name].Any() || types.Any(t => HasMember(t, name))
                : typesByName[parts[0]].Any(t => HasMember(t, parts[1]));
            if (!found)
            {
                missing.Add(name);
            }
        }

        Assert.IsTrue(named > 50, $"only {named} names found: the note's format changed");
        Assert.AreEqual(0, missing.Count, "named in ARCHITECTURE.md but not in the code: " + string.Join(", ", missing.Distinct()));
    }

    private static bool HasMember(Type type, string name) =>
        type.GetMember(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Length > 0;

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    // A type, Type.Member or Member, as the note writes them: starts upper case, no spaces or slashes.
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)?$")]
    private static partial Regex Identifier();
}
