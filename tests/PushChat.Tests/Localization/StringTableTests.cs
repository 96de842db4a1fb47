using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Internal.Chat.Commands;
using PushChat.Internal.Chat.State;
using PushChat.Localization;

namespace PushChat.Tests.Localization;

/// <summary>
/// The shipped string tables against the keys the code uses: a text the code asks for is in
/// every table, every table has the same keys, and a translation uses the same arguments.
/// </summary>
[TestClass]
public sealed class StringTableTests
{
    // Texts named by a prefix and a name rather than by a constant each: the modern page takes
    // its texts whole; canned actions and palette colours are named by their own lists.
    private static readonly string[] PrefixedTexts = { "app.", "action.", "color.", "script." };

    private static readonly ChatLanguage[] Shipped = { ChatLanguage.English, ChatLanguage.SimplifiedChinese };

    [TestMethod]
    public void EveryKeyTheCodeUsesIsInEveryShippedTable()
    {
        var keys = KeysInCode();
        Assert.IsTrue(keys.Count > 0, "no key constants were found");
        foreach (var language in Shipped)
        {
            var missing = keys.Where(key => !language.Texts.ContainsKey(key)).ToList();
            Assert.AreEqual(0, missing.Count, $"{language.Tag} lacks: {string.Join(", ", missing)}");
        }
    }

    [TestMethod]
    public void EveryShippedTableHasTheSameKeys()
    {
        var english = ChatLanguage.English.Texts.Keys.ToHashSet();
        foreach (var language in Shipped.Skip(1))
        {
            var own = language.Texts.Keys.ToHashSet();
            Assert.AreEqual(string.Empty, string.Join(", ", english.Except(own).OrderBy(k => k, StringComparer.Ordinal)), $"{language.Tag} lacks these");
            Assert.AreEqual(string.Empty, string.Join(", ", own.Except(english).OrderBy(k => k, StringComparer.Ordinal)), $"{language.Tag} has these English does not");
        }
    }

    [TestMethod]
    public void EveryTableTextIsUsedByTheCode()
    {
        var keys = KeysInCode();
        var unused = ChatLanguage.English.Texts.Keys.Where(key => !PrefixedTexts.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)) && !keys.Contains(key)).ToList();
        Assert.AreEqual(0, unused.Count, $"texts no code asks for: {string.Join(", ", unused)}");
    }

    [TestMethod]
    public void TranslationsUseTheArgumentsOfTheEnglishText()
    {
        foreach (var key in ChatLanguage.English.Texts.Keys)
        {
            var english = ChatLanguage.English.ArgumentsOf(key)!.OrderBy(a => a, StringComparer.Ordinal);
            foreach (var language in Shipped.Skip(1))
            {
                var translated = language.ArgumentsOf(key)?.OrderBy(a => a, StringComparer.Ordinal);
                if (translated is not null)
                {
                    Assert.AreEqual(string.Join(",", english), string.Join(",", translated), $"{language.Tag} \"{key}\"");
                }
            }
        }
    }

    [TestMethod]
    public void NoShippedTextIsEmpty()
    {
        foreach (var language in Shipped)
        {
            var empty = language.Texts.Where(text => string.IsNullOrWhiteSpace(text.Value)).Select(text => text.Key).ToList();
            Assert.AreEqual(0, empty.Count, $"{language.Tag}: {string.Join(", ", empty)}");
        }
    }

    [TestMethod]
    public void EveryCannedActionPaletteColourAndWordedScriptHasItsWordsInEveryTable()
    {
        var keys = CannedActions.Keys.SelectMany(k => new[] { CannedActions.AloneKey(k), CannedActions.TowardKey(k), CannedActions.LabelKey(k) })
            .Concat(ColorPalette.ColorNames.Select(ColorPalette.NameKey))
            .Concat(UserNameRules.WordedScripts.Select(UserNameRules.ScriptKey))
            .ToList();
        foreach (var language in Shipped)
        {
            var missing = keys.Where(key => !language.Texts.ContainsKey(key)).ToList();
            Assert.AreEqual(0, missing.Count, $"{language.Tag} lacks: {string.Join(", ", missing)}");
        }
    }

    /// <summary>The values of every key constant under PushChat.Localization.Keys.</summary>
    private static HashSet<string> KeysInCode() =>
        typeof(ChatLanguage).Assembly.GetTypes()
            .Where(type => type.Namespace == "PushChat.Localization.Keys")
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
}
