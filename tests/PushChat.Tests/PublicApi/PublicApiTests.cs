using System.Reflection;
using System.Text;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.PublicApi;

/// <summary>
/// The public surface is a promise: these tests fail when it changes without the assembly's
/// snapshot (PushChat.api.txt, PushChat.Hosting.api.txt, PushChat.PostgreSql.api.txt) being updated. To accept a change, run
/// the tests with PUSHCHAT_ACCEPT_API=1 and review the diff of the file.
/// </summary>
[TestClass]
public sealed class PublicApiTests
{
    [TestMethod]
    public void The_public_api_matches_the_checked_in_snapshot() =>
        AssertMatchesSnapshot(typeof(ChatServer).Assembly);

    [TestMethod]
    public void The_hosting_public_api_matches_the_checked_in_snapshot() =>
        AssertMatchesSnapshot(typeof(Microsoft.Extensions.DependencyInjection.PushChatHostingServiceCollectionExtensions).Assembly);

    [TestMethod]
    public void The_postgresql_public_api_matches_the_checked_in_snapshot() =>
        AssertMatchesSnapshot(typeof(PushChat.PostgreSql.PostgresChatBackplane).Assembly);

    private static void AssertMatchesSnapshot(Assembly assembly)
    {
        var actual = Describe(assembly);
        var file = assembly.GetName().Name + ".api.txt";
        var path = Path.Combine(SourceDirectory(), file);
        if (Environment.GetEnvironmentVariable("PUSHCHAT_ACCEPT_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        var expected = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n').ToHashSet();
            var actualLines = actual.Split('\n').ToHashSet();
            var added = actualLines.Except(expectedLines).Select(l => "+ " + l);
            var removed = expectedLines.Except(actualLines).Select(l => "- " + l);
            Assert.Fail($"The public API changed. If intended, run with PUSHCHAT_ACCEPT_API=1 and commit {file}.\n"
                + string.Join("\n", removed.Concat(added)));
        }
    }

    internal static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add(TypeHeader(type));
            // Protected members of an unsealed class are a promise to everyone who derives from it.
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Where(IsVisibleOutside)
                .Select(m => "  " + Modifiers(m) + Member(m))
                .Where(m => m.Trim().Length > 0)
                .OrderBy(m => m, StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string TypeHeader(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct"
            : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(Enum) && baseType != typeof(ValueType))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).OrderBy(n => n, StringComparer.Ordinal));
        return $"{kind} {type.FullName}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static bool IsVisibleOutside(MemberInfo member) => member switch
    {
        MethodBase m => IsVisibleOutside(m),
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(IsVisibleOutside),
        EventInfo e => e.AddMethod is { } add && IsVisibleOutside(add),
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        Type t => t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem,
        _ => false,
    };

    private static bool IsVisibleOutside(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    /// <summary>Marks what only derived classes see, and what they may override.</summary>
    private static string Modifiers(MemberInfo member)
    {
        var method = member switch
        {
            MethodInfo m => m,
            PropertyInfo p => p.GetAccessors(nonPublic: true).FirstOrDefault(IsVisibleOutside),
            EventInfo e => e.AddMethod,
            _ => null,
        };
        var isProtected = method is { IsPublic: false } || member is FieldInfo { IsPublic: false };
        var overridable = method is { IsVirtual: true, IsFinal: false } && member.DeclaringType is { IsInterface: false, IsSealed: false };
        return (isProtected ? "protected " : string.Empty)
            + (overridable ? (method!.IsAbstract ? "abstract " : "virtual ") : string.Empty);
    }

    private static string Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod is { } get && IsVisibleOutside(get) ? "get; " : string.Empty)}{(p.SetMethod is { } set && IsVisibleOutside(set) ? "set; " : string.Empty)}}}",
        FieldInfo f when f.DeclaringType!.IsEnum => f.IsLiteral ? $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty,
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}{(f.IsLiteral ? " = \"" + f.GetRawConstantValue() + "\"" : string.Empty)}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {nested.Name}",
        _ => member.ToString() ?? string.Empty,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p =>
            $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Name(inner) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var name = type.GetGenericTypeDefinition().FullName!;
        return name[..name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }

    private static string SourceDirectory() => Path.Combine(TestPaths.RepositoryRoot(), "tests", "PushChat.Tests", "PublicApi");
}
