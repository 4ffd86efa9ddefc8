using System.Globalization;

namespace PakLoad.Channels.Tests.Sms;

/// <summary>Twilio's Messages API bodies as its docs show them.</summary>
internal static class TwilioBodies
{
    public static string Created(string sid) => $$$"""
        {"account_sid":"AC00000000000000000000000000000001","api_version":"2010-04-01","body":"Load post ho gaya","date_created":"Thu, 26 Nov 2026 05:01:45 +0000","date_sent":null,"date_updated":"Thu, 26 Nov 2026 05:01:45 +0000","direction":"outbound-api","error_code":null,"error_message":null,"from":"PakLoad","messaging_service_sid":null,"num_media":"0","num_segments":"1","price":null,"price_unit":"USD","sid":"{{{sid}}}","status":"queued","subresource_uris":{"media":"/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/{{{sid}}}/Media.json"},"to":"+923001234567","uri":"/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/{{{sid}}}.json"}
        """;

    public static string Error(int code, string message, int status) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"code":{{{code}}},"message":"{{{message}}}","more_info":"https://www.twilio.com/docs/errors/{{{code}}}","status":{{{status}}}}""");
}
