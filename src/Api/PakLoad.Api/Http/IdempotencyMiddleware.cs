using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PakLoad.Api.Auth;
using PakLoad.Core.Common;
using PakLoad.Core.Data;

namespace PakLoad.Api.Http;

/// <summary>
/// Idempotency-Key on POSTs: the first request under a key runs and its answer is stored; a retry with the
/// same key and body gets that answer again and changes nothing; the same key with another body is refused
/// (422), and a retry while the first still runs gets 409. The claim on the key is a row with a primary key
/// (caller, key), so two instances racing on one key cannot both run it.
/// </summary>
internal sealed partial class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxStoredBody = 64 * 1024;

    public async Task InvokeAsync(HttpContext http, PakLoadDbContext db, TimeProvider clock)
    {
        var key = http.Request.Headers[Header].ToString();
        if (!KeyShape().IsMatch(key))
        {
            await ApiResults.Problem(Error.Of("errors.request.idempotency_key_invalid"), http, StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }

        http.Request.EnableBuffering();
        var fingerprint = $"{http.Request.Method} {http.Request.Path} {await BodyHashAsync(http.Request)}";
        var caller = http.User.Identity?.IsAuthenticated == true
            ? http.User.PartyId().ToString()
            : "anonymous:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var record = new IdempotencyRecord { Caller = caller, Key = key, RequestFingerprint = fingerprint, CreatedAt = clock.GetUtcNow() };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException ex) when (db.IsConflict(ex))
        {
            db.DiscardChanges();
            await ReplayAsync(http, db, caller, key, fingerprint);
            return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            db.IdempotencyRecords.Remove(record); // nothing was answered: a retry may run it again
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }

        if (http.Response.StatusCode >= 500 || buffer.Length > MaxStoredBody)
        {
            db.IdempotencyRecords.Remove(record);
        }
        else
        {
            record.StatusCode = http.Response.StatusCode;
            record.ContentType = http.Response.ContentType;
            record.ResponseBody = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            record.Completed = true;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, PakLoadDbContext db, string caller, string key, string fingerprint)
    {
        var stored = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Caller == caller && r.Key == key, http.RequestAborted);
        if (stored.RequestFingerprint != fingerprint)
        {
            await ApiResults.Problem(Error.Of("errors.request.idempotency_mismatch"), http, StatusCodes.Status422UnprocessableEntity).ExecuteAsync(http);
            return;
        }

        if (!stored.Completed)
        {
            await ApiResults.Problem(Error.Of("errors.request.idempotency_in_progress"), http).ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = stored.StatusCode;
        http.Response.ContentType = stored.ContentType;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.WriteAsync(stored.ResponseBody ?? string.Empty, http.RequestAborted);
    }

    private static async Task<string> BodyHashAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(request.Body);
        request.Body.Position = 0;
        return Convert.ToHexString(hash)[..32];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex KeyShape();
}
