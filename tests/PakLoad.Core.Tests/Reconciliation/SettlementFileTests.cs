using PakLoad.Core.Reconciliation;

namespace PakLoad.Core.Tests.Reconciliation;

/// <summary>The uploaded settlement CSV: the documented layout parses exactly; anything else is refused with the line and column.</summary>
public sealed class SettlementFileTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private const string Header = "date,reference,kind,gross_pkr,fee_pkr,net_pkr,currency\r\n";

    [Fact]
    public void Parse_DocumentedLayout_LinesInPaisa()
    {
        var text = "\uFEFF" + Header
            + "2026-11-25,T2026112500017,payment,1025.00,20.50,1004.50,PKR\r\n"
            + "2026-11-25,\"RF,1\",refund,500,0,500,pkr\r\n"
            + "2026-11-25,IBFT-77,payout,40000.5,0,40000.50,PKR\r\n"
            + "\r\n";

        var report = SettlementFile.Parse("jazzcash", Day, text).ValueOrThrow();

        Assert.Equal(("jazzcash", Day), (report.Provider, report.Day));
        Assert.Equal(
            [("T2026112500017", SettlementLineKind.Payment, 102500L, 2050L, 100450L), ("RF,1", SettlementLineKind.Refund, 50000L, 0L, 50000L), ("IBFT-77", SettlementLineKind.Payout, 4000050L, 0L, 4000050L)],
            report.Lines.Select(l => (l.Reference, l.Kind, l.Gross.Paisa, l.Fee.Paisa, l.Net.Paisa)).ToArray());
    }

    [Theory]
    [InlineData("", "1", "header")]
    [InlineData("date,ref,kind,gross,fee,net,currency\n", "1", "header")]
    [InlineData(Header + "2026-11-24,T1,payment,10.00,0,10.00,PKR\n", "2", "date")]
    [InlineData(Header + "25/11/2026,T1,payment,10.00,0,10.00,PKR\n", "2", "date")]
    [InlineData(Header + "2026-11-25,,payment,10.00,0,10.00,PKR\n", "2", "reference")]
    [InlineData(Header + "2026-11-25,T1,chargeback,10.00,0,10.00,PKR\n", "2", "kind")]
    [InlineData(Header + "2026-11-25,T1,payment,10.001,0,10.00,PKR\n", "2", "gross_pkr")]
    [InlineData(Header + "2026-11-25,T1,payment,-10.00,0,-10.00,PKR\n", "2", "gross_pkr")]
    [InlineData(Header + "2026-11-25,T1,payment,1e3,0,1000,PKR\n", "2", "gross_pkr")]
    [InlineData(Header + "2026-11-25,T1,payment,10.00,abc,10.00,PKR\n", "2", "fee_pkr")]
    [InlineData(Header + "2026-11-25,T1,payment,10.00,1.00,10.00,PKR\n", "2", "net_pkr")]
    [InlineData(Header + "2026-11-25,T1,payment,10.00,0,10.00,USD\n", "2", "currency")]
    [InlineData(Header + "2026-11-25,T1,payment,10.00,0,10.00\n", "2", "columns")]
    [InlineData(Header + "2026-11-25,T1,payment,10.00,0,10.00,PKR\n2026-11-25,T2,payment,10.00,0,10.00,PKR,extra\n", "3", "columns")]
    [InlineData(Header + "2026-11-25,\"T1,payment,10.00,0,10.00,PKR\n", "0", "quotes")]
    public void Parse_Malformed_TypedErrorNamingLineAndColumn(string text, string line, string column)
    {
        var result = SettlementFile.Parse("jazzcash", Day, text);

        Assert.False(result.IsSuccess);
        Assert.Equal("errors.reconciliation.file_invalid", result.Error!.Key);
        Assert.Equal((line, column), (result.Error.Args["line"], result.Error.Args["column"]));
    }

    [Fact]
    public void Parse_TooManyLines_Refused()
    {
        var text = Header + string.Concat(Enumerable.Repeat("2026-11-25,T1,payment,1,0,1,PKR\n", SettlementFile.MaxLines + 1));

        Assert.Equal("errors.reconciliation.file_too_large", SettlementFile.Parse("bank", Day, text).Error?.Key);
    }
}
