using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Localization;

/// <summary>Each reader's language, as the login chooses it.</summary>
[TestClass]
public sealed class ReaderLanguageTests
{
    [TestMethod]
    [DataRow("zh-CN,zh;q=0.9", "", "zh-Hans")]
    [DataRow("en-US", "", "en")]
    [DataRow("en-US", "zh-Hans", "zh-Hans")]
    [DataRow("zh-CN", "en", "en")]
    [DataRow("", "", "en")]
    public async Task A_login_takes_the_chosen_language_else_the_browsers(string acceptLanguage, string chosen, string expected)
    {
        await using var chat = await ChatTestServer.StartAsync();
        var request = ChatTestServer.Post("/login", $"name=ann&password=&lang={chosen}");
        if (acceptLanguage.Length > 0)
        {
            request = request.Replace("\r\n\r\n", $"\r\nAccept-Language: {acceptLanguage}\r\n\r\n", System.StringComparison.Ordinal);
        }

        var response = await chat.RequestAsync(request);

        Assert.AreEqual(303, response.Status, response.Body);
        var session = chat.Server.Engine!.State.Sessions.FindByName("ann");
        Assert.IsNotNull(session);
        Assert.AreEqual(expected, session.Language.Tag);
        Assert.AreEqual(chat.Server.Engine.State.Languages.IndexOf(session.Language), session.LanguageIndex);
    }
}
