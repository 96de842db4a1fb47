using System;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PushChat.Internal.Chat.Changes.Wire;

/// <summary>
/// How changes are written as JSON: every public property of a change by its camel-case name,
/// after the change's short name in "t" (see <see cref="ChangeKinds"/>). Reading is strict, since
/// every node must apply exactly what was appended: every property must be there (a missing
/// <c>SessionStarted.BrowserSecret</c> would otherwise be drawn anew on each node), with its own
/// kind, no null where the change allows none, and nothing unknown. <see cref="ChatChange.At"/>
/// is not written: the backplane's time of the change is the one every node applies it at.
/// </summary>
internal static class ChangeContract
{
    public const string KindProperty = "t";

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // The rows are read by nodes, never put in a page: letters of any script stay UTF-8
            // (one to four bytes) instead of six-byte escapes; quotes and control characters are still escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { Describe } },
            Converters =
            {
                new IPAddressConverter(),
                new LocalTextConverter(),
                new LineAudienceConverter(),
                new StringListConverter(),
                // Names, not numbers: a reordered enum cannot turn a mute into a ban between versions.
                new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false),
            },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void Describe(JsonTypeInfo info)
    {
        if (!typeof(ChatChange).IsAssignableFrom(info.Type))
        {
            return;
        }

        if (info.Type == typeof(ChatChange))
        {
            info.PolymorphismOptions = Kinds();
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name == "at")
            {
                info.Properties.RemoveAt(i);
            }
            else
            {
                info.Properties[i].IsRequired = true;
            }
        }
    }

    private static JsonPolymorphismOptions Kinds()
    {
        var kinds = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = KindProperty,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (type, name) in ChangeKinds.All)
        {
            kinds.DerivedTypes.Add(new JsonDerivedType(type, name));
        }

        return kinds;
    }
}
