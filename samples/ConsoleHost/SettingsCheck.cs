using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PushChat.ConsoleHost;

/// <summary>
/// Checks the Chat settings before the chat starts, so that a wrong value stops the start with
/// one line per setting, naming it and its value, instead of an exception on the first one.
/// </summary>
internal static partial class SettingsCheck
{
    /// <summary>Every problem of the Chat section: values that are not of their setting's type, then the options' own rules.</summary>
    /// <param name="chat">The Chat section.</param>
    /// <param name="tls">The certificate the host loaded, which some rules depend on.</param>
    public static List<string> Problems(IConfigurationSection chat, (System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate, System.Security.Cryptography.X509Certificates.X509Certificate2Collection Chain)? tls)
    {
        var problems = new List<string>();
        var readable = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in chat.AsEnumerable())
        {
            if (value is null)
            {
                continue;
            }

            // Each value is bound alone, so that every unreadable one is named, not just the first.
            try
            {
                new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build().GetSection(chat.Path).Bind(new ChatServerOptions());
                readable.Add(new(key, value));
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"Invalid setting {key} = '{value}': {Expected(ex)}.");
            }
        }

        // The options' own rules, over the readable values (as the server would check them at start).
        var probe = new ConfigurationBuilder().AddInMemoryCollection(readable).Build().GetSection(chat.Path);
        using var services = new ServiceCollection().AddPushChat(options =>
        {
            probe.Bind(options);
            if (tls is { } configured)
            {
                options.Certificate = configured.Certificate;
            }
        }).BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<ChatServerOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures.Select(failure => Describe(chat, failure)));
        }

        return problems;
    }

    /// <summary>A rule's message, led by the setting it names and its configured value.</summary>
    private static string Describe(IConfigurationSection chat, string failure)
    {
        var match = LeadingSetting().Match(failure);
        if (!match.Success)
        {
            return $"Invalid settings: {failure}";
        }

        var key = $"{chat.Path}:{match.Value.Replace('.', ':')}";
        return chat.GetSection(match.Value.Replace('.', ':')).Value is { } value
            ? $"Invalid setting {key} = '{value}': {failure}"
            : $"Invalid setting {key}: {failure}";
    }

    /// <summary>What the value should have been, from the binder's message about its type.</summary>
    private static string Expected(InvalidOperationException ex)
    {
        var type = TargetType().Match(ex.Message) is { Success: true } match ? match.Groups[1].Value : string.Empty;
        return type switch
        {
            _ when type.Contains("System.TimeSpan", StringComparison.Ordinal) => "expected a duration like 00:01:30",
            _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "expected true or false",
            _ when type.Contains("System.Int", StringComparison.Ordinal) => "expected a whole number",
            _ when type.Contains("System.Double", StringComparison.Ordinal) => "expected a number",
            _ => ex.Message.TrimEnd('.'),
        };
    }

    [GeneratedRegex("to type '([^']+)'")]
    private static partial Regex TargetType();

    [GeneratedRegex("^(Limits\\.)?[A-Z][A-Za-z]+(?=[ .(])")]
    private static partial Regex LeadingSetting();
}
