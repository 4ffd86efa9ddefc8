namespace PakLoad.Channels.WhatsApp;

/// <summary>PakLoad:WhatsApp in configuration. Secrets come from configuration or secret storage, never the repository.</summary>
public sealed class WhatsAppOptions
{
    public string AppSecret { get; set; } = string.Empty;

    public string VerifyToken { get; set; } = string.Empty;

    public string AccessToken { get; set; } = string.Empty;

    public Uri GraphBaseUrl { get; set; } = new("https://graph.facebook.com/");

    public string ApiVersion { get; set; } = "v25.0";

    /// <summary>Meta batches up to 1,000 updates and 3 MB in one POST; anything larger is refused with 413.</summary>
    public int MaxBodyBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>Meta's default throughput per business number (inbound and outbound together).</summary>
    public int SendsPerSecond { get; set; } = 80;

    /// <summary>
    /// With Redis configured, the send-rate bucket of each business number is shared by every host instance (true,
    /// the default); false keeps one per process (a single-instance deployment saves a Redis call per send).
    /// </summary>
    public bool SharedSendRate { get; set; } = true;

    /// <summary>After a pair-rate refusal (131056) the next send to that user waits this long.</summary>
    public TimeSpan PairSpacing { get; set; } = TimeSpan.FromSeconds(6);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The approved Utility template sent when the 24-hour window has closed (131047); one body parameter.</summary>
    public string ReplyTemplate { get; set; } = "pakload_new_reply";

    /// <summary>The approved Utility template for notifications to a user whose 24-hour window is closed; one body parameter.</summary>
    public string NotificationTemplate { get; set; } = "pakload_update";

    public int MaxSendAttempts { get; set; } = 6;

    /// <summary>Inbound media larger than this is not fetched (Meta's own limits: audio 16 MB, image 5 MB, document 100 MB).</summary>
    public long MaxMediaBytes { get; set; } = 16L * 1024 * 1024;
}
