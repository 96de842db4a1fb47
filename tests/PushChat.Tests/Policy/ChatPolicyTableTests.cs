using PushChat.Internal.Chat.Policy;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Policy;

/// <summary>The policy table itself: one row per act, printable as Markdown for README.</summary>
[TestClass]
public sealed class ChatPolicyTableTests
{
    [TestMethod]
    public void Every_act_has_exactly_one_row()
    {
        var acts = Enum.GetValues<ChatAct>();
        Assert.HasCount(acts.Length, ChatPolicy.Rows);
        Assert.HasCount(acts.Length, ChatPolicy.Rows.Select(r => r.Act).Distinct());
        foreach (var act in acts)
        {
            Assert.AreEqual(act, ChatPolicy.Terms(act).Act);
            Assert.HasCount(5, ChatPolicy.Terms(act).Scopes, act.ToString());
        }
    }

    [TestMethod]
    public void Readme_prints_the_policy_table_as_the_server_applies_it()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "README.md")).Replace("\r\n", "\n");

        StringAssert.Contains(readme, ChatPolicy.ToMarkdown(), "README's moderation policy table differs from ChatPolicy.ToMarkdown(); paste the new table into README.");
    }

    [TestMethod]
    public void The_markdown_table_has_a_header_and_a_row_per_act_with_the_limits_it_is_given()
    {
        var markdown = ChatPolicy.ToMarkdown(new ChatServerLimits { MaxRoomMuteDuration = TimeSpan.FromMinutes(20) });
        var lines = markdown.TrimEnd('\n').Split('\n');

        Assert.HasCount(Enum.GetValues<ChatAct>().Length + 2, lines);
        StringAssert.StartsWith(lines[0], "| Act | Command | Guest | User | Room owner | Admin | Host |");
        Assert.IsTrue(lines.All(l => l.StartsWith('|') && l.EndsWith('|') && l.Count(c => c == '|') == 12), markdown);
        StringAssert.Contains(markdown, "| Mute | `/mute NAME [10m] [reason]` | — | — | own room | everywhere | everywhere | no | 20 / 60 a minute | room 20 minutes, server 365 days | /unmute, same or higher authority |");
        StringAssert.Contains(markdown, "| CreateRoom | `/join NEW ROOM` | own | own | own | everywhere | everywhere | yes | 3 / 10 per 10 minutes |");
        StringAssert.Contains(markdown, "| Ban | `/ban NAME [1d] [reason]` | — | — | — | everywhere | everywhere |");
        StringAssert.Contains(markdown, "| Join | `/join ROOM` | own | own | own | own | — | yes | 10 / 30 a minute |");
    }

    [TestMethod]
    public void Admins_and_the_host_have_no_budget_and_owners_act_in_their_room_only()
    {
        Assert.IsTrue(ChatPolicy.IsExempt(Authority.Admin));
        Assert.IsTrue(ChatPolicy.IsExempt(Authority.Host));
        Assert.IsFalse(ChatPolicy.IsExempt(Authority.RoomOwner));
        foreach (var row in ChatPolicy.Rows.Where(r => r.Act <= ChatAct.SetRole))
        {
            Assert.IsTrue(row.ScopeOf(Authority.RoomOwner) <= PolicyScope.Room, row.Act.ToString());
            Assert.AreEqual(PolicyScope.None, row.ScopeOf(Authority.Guest), row.Act.ToString());
            Assert.AreEqual(PolicyScope.Server, row.ScopeOf(Authority.Host), row.Act.ToString());
        }
    }

    [TestMethod]
    public void The_room_mute_cap_and_the_rooms_per_user_are_validated()
    {
        var options = new ChatServerOptions();
        options.Limits.MaxRoomMuteDuration = TimeSpan.FromDays(400);
        options.Limits.MaxRoomsPerUser = 0;

        var failures = PushChat.Internal.Infrastructure.ChatServerOptionsValidator.Failures(options);

        CollectionAssert.Contains(failures, "Limits.MaxRoomMuteDuration must be between 1 second and 365 days.");
        CollectionAssert.Contains(failures, "Limits.MaxRoomsPerUser must be at least 1.");
        Assert.IsEmpty(PushChat.Internal.Infrastructure.ChatServerOptionsValidator.Failures(new ChatServerOptions()));
    }
}
