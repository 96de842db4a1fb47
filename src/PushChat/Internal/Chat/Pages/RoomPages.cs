using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Internal.Chat.Policy;
using PushChat.Internal.Chat.State;
using PushChat.Internal.Http;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Rendering;

namespace PushChat.Internal.Chat.Pages;

/// <summary>
/// The pages about the user's room and who is in it (<see cref="ChatRoutes.Names"/>,
/// <see cref="ChatRoutes.Join"/>, <see cref="ChatRoutes.Ignore"/>, <see cref="ChatRoutes.Lines"/>,
/// <see cref="ChatRoutes.Delete"/>): the names frame, moving rooms, ignoring, and the page for
/// deleting lines. They read the forms, call the room commands and draw their outcomes.
/// </summary>
internal sealed class RoomPages
{
    private const string Sid = ChatRoutes.SessionParameter;

    private readonly PageContext _pages;
    private readonly TalkPages _talk;

    /// <summary>Creates the pages; <paramref name="talk"/> draws the talk frame again when a move asked from it is refused.</summary>
    public RoomPages(PageContext pages, TalkPages talk)
    {
        _pages = pages;
        _talk = talk;
    }

    /// <summary>Starts the names frame's never-ending document on the connection; null, because the stream is the answer.</summary>
    public HttpResponse? Names(HttpRequest request, IHttpConnection connection)
    {
        if (!_pages.TryFindSession(request, Field(FormDecoder.Decode(request.Query), Sid), out var session, out var refusal))
        {
            return refusal;
        }

        return request.IsHead ? ChatResponses.Page(200, string.Empty) : Names(200, session, null, request, connection);
    }

    /// <summary>
    /// Moves the session, then shows the frame the form came from again; the chat frame goes on in
    /// the new room. A refused move from the names frame answers with the names frame and why.
    /// </summary>
    public async ValueTask<HttpResponse?> JoinAsync(HttpRequest request, IHttpConnection connection, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!_pages.TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        var outcome = await _pages.Commands.Rooms.JoinAsync(session.Id, Field(form, "room"), cancellationToken).ConfigureAwait(false);
        var talk = Field(form, "frame") == "talk";
        if (!outcome.IsDone)
        {
            var error = outcome.Error?.In(session.Language);
            return talk ? _talk.TalkPage(outcome.StatusCode, session, TalkPages.TalkFields(form), error) : Names(outcome.StatusCode, session, error, request, connection);
        }

        return ChatResponses.SeeOther($"{(talk ? ChatRoutes.Talk : ChatRoutes.Names)}?{Sid}={session.Id}");
    }

    public async ValueTask<HttpResponse> IgnoreAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!_pages.TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        var outcome = await _pages.Commands.Rooms.IgnoreAsync(session.Id, Field(form, "name"), ignore: Field(form, "ignore") != "0", cancellationToken).ConfigureAwait(false);
        return outcome.IsDone
            ? ChatResponses.SeeOther($"{ChatRoutes.Names}?{Sid}={session.Id}")
            : _pages.Error(session.Language, outcome.StatusCode, outcome.Error!);
    }

    public async ValueTask<HttpResponse> DeleteLineAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = FormDecoder.Decode(request.Body);
        if (!_pages.TryFindSession(request, Field(form, Sid), out var session, out var refusal))
        {
            return refusal;
        }

        if (!long.TryParse(Field(form, "seq"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return _pages.Error(session.Language, 400, LocalText.Of(ErrorPageTexts.WhichLine));
        }

        // The room's epoch from the form, when it sent one (a custom renderer's may not).
        long? epoch = null;
        if (Field(form, "epoch") is { Length: > 0 } sentEpoch)
        {
            if (!long.TryParse(sentEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return _pages.Error(session.Language, 400, LocalText.Of(ErrorPageTexts.StaleDeleteButton));
            }

            epoch = parsed;
        }

        var deleted = await _pages.Commands.Rooms.DeleteLineAsync(session.Id, Field(form, "room"), sequence, epoch, cancellationToken).ConfigureAwait(false);
        return deleted.IsDone
            ? ChatResponses.SeeOther($"{ChatRoutes.Lines}?{Sid}={session.Id}")
            : LinesPage(deleted.StatusCode, session, deleted.Error?.In(session.Language));
    }

    public HttpResponse LinesPage(int statusCode, ChatSession session, string? error)
    {
        if (!ChatPolicy.MayInOwnRoom(session, ChatAct.DeleteLine))
        {
            return _pages.Error(session.Language, 403, ChatPolicy.OnlyWhoText(ChatAct.DeleteLine, session.Room.Name));
        }

        var lines = _pages.Engine.State.History(session.Room, session);
        return ChatResponses.Page(statusCode, _pages.Renderer.RenderLines(new LinesPage(_pages.PageOf(session), lines, error) { RoomEpoch = session.Room.Log.Epoch, Language = session.Language }));
    }

    /// <summary>The style that hides a deleted line in chat frames opened before it was deleted.</summary>
    public HttpResponse HiddenLine(HttpRequest request)
    {
        var query = FormDecoder.Decode(request.Query);
        var room = Field(query, "room");
        return room.Length > 0 && long.TryParse(Field(query, "seq"), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? ChatRequestHandler.Asset("text/css; charset=utf-8", Encoding.UTF8.GetBytes(_pages.Renderer.RenderHiddenLineStyle(room, sequence)))
            : ChatResponses.Text(400, "Name the room and the line to hide.\n");
    }

    private HttpResponse? Names(int statusCode, ChatSession session, string? error, HttpRequest request, IHttpConnection connection)
    {
        _pages.Engine.Sessions.Touch(session);
        var (page, presence) = _pages.Engine.Names.Page(session, error);

        // Drawn before the response starts: a renderer that fails here gets a 500.
        var start = _pages.Renderer.RenderNamesStart(page.Session);
        var list = _pages.Renderer.RenderNames(page);
        _pages.Engine.Names.Open(session, connection.StartStream(ChatResponses.StreamHead(statusCode), request), start, list, presence);
        return null;
    }

    private static string Field(IReadOnlyDictionary<string, string> form, string name) => PageContext.Field(form, name);
}
