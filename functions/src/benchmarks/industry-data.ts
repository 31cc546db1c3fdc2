/**
 * The industry benchmark dataset of methods §3.2, verbatim from `shared/data/industry-benchmarks.csv`
 * of the specification, bundled as a module so the Lambda bundle carries it (no file read at runtime).
 * test/unit/benchmarks/industry.test.ts checks it is byte-identical to the specification's file.
 * Regenerate by copying the CSV between the backticks when the dataset changes.
 */
export const INDUSTRY_BENCHMARKS_CSV = `benchmark_id,metric,value,unit,industry,geography,period,source_org,source_id,source_url,conf,notes
acsi_nat_2023q4,ACSI national,77.8,index_0_100,All sectors,US,2023-Q4,ACSI,S81,https://www.theacsi.org/the-acsi-difference/us-overall-customer-satisfaction/,A,GDP-weighted sector average
acsi_nat_2024q1,ACSI national,78.0,index_0_100,All sectors,US,2024-Q1,ACSI (Chain Store Age),S82,https://chainstoreage.com/customer-satisfaction-continues-climb,B,
acsi_nat_2024q4,ACSI national,77.3,index_0_100,All sectors,US,2024-Q4,ACSI (press coverage),S83,https://newsspry.com/blog/consumer-confidence-unveiled-acsi-reveals-shocking-customer-satisfaction-trends-for-q-/15661,C,re-verify on theacsi.org
acsi_isp_2024,ACSI industry,71,index_0_100,Internet service providers,US,2024,ACSI Telecommunications Study 2024,S84,https://businesswire.com/news/home/20240604727642/en/Customers-Prefer-Fiber-Internet-When-Available-While-Satisfaction-with-Streaming-Service-Reaches-Record-High-ACSI-Data-Show,B,surveys to Mar 2024
acsi_isp_fiber_2024,ACSI industry,76,index_0_100,ISP fiber,US,2024,ACSI Telecommunications Study 2024,S84,https://businesswire.com/news/home/20240604727642/en/Customers-Prefer-Fiber-Internet-When-Available-While-Satisfaction-with-Streaming-Service-Reaches-Record-High-ACSI-Data-Show,B,
acsi_isp_nonfiber_2024,ACSI industry,68,index_0_100,ISP non-fiber,US,2024,ACSI Telecommunications Study 2024,S84,https://businesswire.com/news/home/20240604727642/en/Customers-Prefer-Fiber-Internet-When-Available-While-Satisfaction-with-Streaming-Service-Reaches-Record-High-ACSI-Data-Show,B,
acsi_isp_2025,ACSI industry,72,index_0_100,Internet service providers,US,2025,ACSI (CNET coverage),S96,https://www.daily8.com/en/hashtag/AmericanCustomerSatisfactionIndex,C,re-verify on theacsi.org
acsi_streaming_2024,ACSI industry,79,index_0_100,Video streaming service,US,2024,ACSI Telecommunications Study 2024,S85,https://d33gy59ovltp76.cloudfront.net/news/survey-consumer-satisfaction-with-streaming-hits-record-levels,C,
acsi_paytv_2024,ACSI industry,70,index_0_100,Subscription TV service,US,2024,ACSI Telecommunications Study 2024,S85,https://d33gy59ovltp76.cloudfront.net/news/survey-consumer-satisfaction-with-streaming-hits-record-levels,C,
acsi_paytv_2023,ACSI industry,69,index_0_100,Subscription TV service,US,2023,ACSI,S86,https://www.theacsi.org/industries/telecommunications-and-information/subscription-tv,A,market-share weighted
acsi_wireless_2024,ACSI industry,76,index_0_100,Wireless phone service,US,2023-2024,ACSI Wireless Phone Service and Cell Phone Study,S87,http://ih.advfn.com/stock-market/stock-news/93845020/samsung-ties-apple-atop-cell-phone-market-and-now-leads-5g-phones-acsi-data-sho,B,
acsi_cellphones_2024,ACSI industry,81,index_0_100,Cell phones,US,2023-2024,ACSI Wireless Phone Service and Cell Phone Study,S87,http://ih.advfn.com/stock-market/stock-news/93845020/samsung-ties-apple-atop-cell-phone-market-and-now-leads-5g-phones-acsi-data-sho,B,
acsi_banks_2024,ACSI industry,80,index_0_100,Banks,US,2024,ACSI (mirror of banks page),S88,https://ktoreformatmaxsys.pages.dev/821949.html,C,re-verify on theacsi.org
acsi_banks_regional_2024,ACSI industry,82,index_0_100,Regional and community banks,US,2024,ACSI (mirror),S88,https://ktoreformatmaxsys.pages.dev/821949.html,C,
acsi_banks_national_2024,ACSI industry,80,index_0_100,National banks,US,2024,ACSI (mirror),S88,https://ktoreformatmaxsys.pages.dev/821949.html,C,
acsi_banks_superregional_2024,ACSI industry,77,index_0_100,Super regional banks,US,2024,ACSI (mirror),S88,https://ktoreformatmaxsys.pages.dev/821949.html,C,
acsi_retail_sector_2024,ACSI sector,78.0,index_0_100,Retail trade sector,US,2023-2024,ACSI Retail and Consumer Shipping Study,S89,https://digitalmedianet.com/over-60-of-retailers-see-customer-satisfaction-spikes-with-costco-h-e-b-and-publix-leading-the-way-acsi-data-show/,B,
acsi_online_retail_2024,ACSI industry,80,index_0_100,Online retailers,US,2023-2024,ACSI Retail and Consumer Shipping Study,S89,https://digitalmedianet.com/over-60-of-retailers-see-customer-satisfaction-spikes-with-costco-h-e-b-and-publix-leading-the-way-acsi-data-show/,B,
acsi_general_merch_2024,ACSI industry,77,index_0_100,General merchandise retailers,US,2023-2024,ACSI Retail and Consumer Shipping Study,S89,https://digitalmedianet.com/over-60-of-retailers-see-customer-satisfaction-spikes-with-costco-h-e-b-and-publix-leading-the-way-acsi-data-show/,B,
acsi_specialty_retail_2024,ACSI industry,79,index_0_100,Specialty retailers,US,2023-2024,ACSI Retail and Consumer Shipping Study,S89,https://digitalmedianet.com/over-60-of-retailers-see-customer-satisfaction-spikes-with-costco-h-e-b-and-publix-leading-the-way-acsi-data-show/,B,
acsi_gas_2024,ACSI industry,75,index_0_100,Gas stations,US,2023-2024,ACSI Retail and Consumer Shipping Study,S89,https://digitalmedianet.com/over-60-of-retailers-see-customer-satisfaction-spikes-with-costco-h-e-b-and-publix-leading-the-way-acsi-data-show/,B,
acsi_supermarkets_2024,ACSI industry,79,index_0_100,Supermarkets,US,2023-2024,ACSI (Progressive Grocer),S90,https://progressivegrocer.com/which-grocers-rank-highest-shopper-satisfaction,B,interviews Jan-Dec 2023
acsi_airlines_2024,ACSI industry,77,index_0_100,Airlines,US,2023-2024,ACSI Travel Study (AJC),S91,https://www.ajc.com/news/atlanta-airport-blog/customer-satisfaction-with-airlines-is-improving-according-to-study/NISXKUEOPZABFDJBIR55I2EAG4/,B,surveys Apr 2023-Mar 2024
acsi_airlines_2025,ACSI industry,74,index_0_100,Airlines,US,2025,ACSI Travel Study 2025 (coverage),S93,https://canadian-reviews.ca/acsi-2025-report-reveals-a-slip-in-customer-satisfaction-across-travel-industries-hospitality-trends/?noamp=mobile,C,
acsi_lodging_2024,ACSI industry,77,index_0_100,Lodging,US,2023-2024,ACSI Travel Study (CXM Today),S92,https://cxmtoday.com/2024/04/what-a-trip-travel-industry-secures-full-rebound/,B,
acsi_ota_2025,ACSI industry,75,index_0_100,Online travel agencies,US,2025,ACSI Travel Study 2025 (coverage),S93,https://canadian-reviews.ca/acsi-2025-report-reveals-a-slip-in-customer-satisfaction-across-travel-industries-hospitality-trends/?noamp=mobile,C,
acsi_fastfood_2024,ACSI industry,79,index_0_100,Fast food restaurants,US,2024,ACSI Restaurant and Food Delivery Study 2024,S94,https://www.fermag.com/articles/chick-fil-a-2-darden-concepts-earn-top-spots-in-acsi-report/,B,surveys Apr 2023-Mar 2024
acsi_fullservice_2024,ACSI industry,84,index_0_100,Full-service restaurants,US,2024,ACSI Restaurant and Food Delivery Study 2024,S94,https://www.fermag.com/articles/chick-fil-a-2-darden-concepts-earn-top-spots-in-acsi-report/,B,
acsi_fooddelivery_2024,ACSI industry,73,index_0_100,Food delivery,US,2024,ACSI Restaurant and Food Delivery Study 2024,S94,https://theretaildata.com/top-restaurant-satisfaction-longhorn-and-texas-roadhouse-lead-chick-fil-a-dominates-fast-food/,C,
acsi_health_ins_2023,ACSI industry,76,index_0_100,Health insurance,US,2022-2023,ACSI,S95,https://theacsi.org/news-and-resources/press-releases/2023/10/17/press-release-insurance-and-health-care-study-2022-2023/,A,
acsi_pc_ins_2023,ACSI industry,77,index_0_100,Property and casualty insurance,US,2022-2023,ACSI,S95,https://theacsi.org/news-and-resources/press-releases/2023/10/17/press-release-insurance-and-health-care-study-2022-2023/,A,
acsi_hospitals_2023,ACSI industry,74,index_0_100,Hospitals,US,2022-2023,ACSI,S95,https://theacsi.org/news-and-resources/press-releases/2023/10/17/press-release-insurance-and-health-care-study-2022-2023/,A,
nps_grocery_2023,NPS industry average,30.1,nps_points,Grocery,US,2023,XM Institute,S100,https://www.xminstitute.com/data-snippets/xmi-ratings-nps-2023/,A,consumer panel; highest of 22
nps_consumer_payments_2023,NPS industry average,-6.1,nps_points,Consumer payments,US,2023,XM Institute,S100,https://www.xminstitute.com/data-snippets/xmi-ratings-nps-2023/,A,lowest of 22
nps_streaming_2023,NPS industry average,29,nps_points,Streaming media,US,2023,XM Institute Economics of NPS 2024,S102,https://www.sgpjbg.com/bgdown/166002.html,C,mirror of XMI report
nps_retail_2023,NPS industry average,29,nps_points,Retail,US,2023,XM Institute Economics of NPS 2024,S102,https://www.sgpjbg.com/bgdown/166002.html,C,
nps_tv_isp_2023,NPS industry average,9,nps_points,TV/internet service providers,US,2023,XM Institute Economics of NPS 2024,S102,https://www.sgpjbg.com/bgdown/166002.html,C,
nps_car_rental_2023,NPS industry average,8,nps_points,Car rentals,US,2023,XM Institute Economics of NPS 2024,S102,https://www.sgpjbg.com/bgdown/166002.html,C,
nps_retail_2022,NPS industry average,28.4,nps_points,Retail,US,2022,XM Institute,S103,https://www.xminstitute.com/data-snippets/xmi-ratings-nps-2022/,A,highest of 22
nps_consumer_payments_2022,NPS industry average,1.4,nps_points,Consumer payments,US,2022,XM Institute,S103,https://www.xminstitute.com/data-snippets/xmi-ratings-nps-2022/,A,lowest of 22
nps_grocery_2022,NPS industry average,26,nps_points,Grocery,US,2022,XM Institute Economics of NPS 2023,S101,https://www.xminstitute.com/research/economics-of-nps-2023/,A,
nps_airlines_2022,NPS industry average,7,nps_points,Airlines,US,2022,XM Institute Economics of NPS 2023,S101,https://www.xminstitute.com/research/economics-of-nps-2023/,A,
nps_car_rental_2022,NPS industry average,3,nps_points,Car rentals,US,2022,XM Institute Economics of NPS 2023,S101,https://www.xminstitute.com/research/economics-of-nps-2023/,A,
nps_grocery_2021,NPS industry average,33.3,nps_points,Grocery,US,2021,XM Institute,S104,https://xminstitute.com/data-snippets/consumer-nps-2021/,A,
nps_consumer_payments_2021,NPS industry average,-0.1,nps_points,Consumer payments,US,2021,XM Institute,S104,https://xminstitute.com/data-snippets/consumer-nps-2021/,A,
nps_auto_dealers_2017,NPS industry average,43,nps_points,Auto dealers,US,2017,Temkin Group,S105,http://www.tmcnet.com/usubmit/2017/12/14/8667928.htm,B,highest of 20
nps_tv_isp_2017,NPS industry average,9,nps_points,TV and internet service providers,US,2017,Temkin Group,S105,http://www.tmcnet.com/usubmit/2017/12/14/8667928.htm,B,lowest of 20
nps_dept_stores_2018,NPS industry average,62,nps_points,Department/specialty stores,US,2018,NICE Satmetrix,S106,https://e-strategy.com/2018/09/14/average-net-promoter-score-b2c-industry,C,highest of 23 B2C sectors
nps_health_ins_2010,NPS industry average,-13,nps_points,Health insurance,US,2010,Satmetrix,S107,https://thewisemarketer.com/new-multi-industry-nps-benchmarks-published-2/,C,
nps_brokerage_2010,NPS industry average,29,nps_points,Brokerage and investment,US,2010,Satmetrix,S107,https://thewisemarketer.com/new-multi-industry-nps-benchmarks-published-2/,C,
nps_b2b_saas_2022,NPS industry average,40,nps_points,B2B software and SaaS,Global,2022,Retently (as cited),S108,http://smallfish.com/element-tv/nps-benchmarks-by-industry-2022,D,re-verify on retently.com before use
ratio_buymore_payments_2022,Promoter/detractor purchase-more ratio,6.7,ratio,Consumer payments,US,2022,XM Institute,S101,https://www.xminstitute.com/research/economics-of-nps-2023/,A,
ratio_buymore_retail_2022,Promoter/detractor purchase-more ratio,2.6,ratio,Retail,US,2022,XM Institute,S101,https://www.xminstitute.com/research/economics-of-nps-2023/,A,
ratio_buymore_payments_2023,Promoter/detractor purchase-more ratio,6.8,ratio,Consumer payments,US,2023,XM Institute,S102,https://www.sgpjbg.com/bgdown/166002.html,C,
ratio_buymore_grocery_2023,Promoter/detractor purchase-more ratio,2.5,ratio,Grocery,US,2023,XM Institute,S102,https://www.sgpjbg.com/bgdown/166002.html,C,
ratio_ltv_low,Promoter/detractor lifetime value ratio (low end),3,ratio,Cross-industry,,n.d.,Bain & Company,S34,http://netpromotersystem.com/about/the-numbers-behind-net-promoter-system.aspx,B,range 3x-8x
ratio_ltv_high,Promoter/detractor lifetime value ratio (high end),8,ratio,Cross-industry,,n.d.,Bain & Company,S34,http://netpromotersystem.com/about/the-numbers-behind-net-promoter-system.aspx,B,range 3x-8x
fcr_callcenter_avg,FCR (post-call survey),70,percent,Call centres cross-industry,North America,n.d.,SQM Group,S12,https://www.sqmgroup.com/resources/library/blog/call-center-customer-experience-research,B,
ocr_callcenter_avg,One-contact resolution,59,percent,Call centres cross-industry,North America,n.d.,SQM Group,S12,https://www.sqmgroup.com/resources/library/blog/call-center-customer-experience-research,B,
fcr_good_low,FCR good band lower bound,70,percent,Call centres,North America,2022,SQM Group,S13,https://www.headlinesoftoday.com/topic/press-releases/sqms-2022-benchmark-research-uncovers-what-a-good-fcr-rate-is.html,C,good 70-79
fcr_worldclass,FCR world-class threshold,80,percent,Call centres,North America,2022,SQM Group,S13,https://www.headlinesoftoday.com/topic/press-releases/sqms-2022-benchmark-research-uncovers-what-a-good-fcr-rate-is.html,C,
fcr_retail,FCR,78,percent,Retail,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
fcr_insurance,FCR,76,percent,Insurance,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
fcr_health_insurance,FCR,72,percent,Health insurance,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
fcr_energy,FCR,72,percent,Energy,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
fcr_financial,FCR,71,percent,Financial,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
fcr_tech_support,FCR,65,percent,Tech support,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
fcr_telco,FCR,61,percent,Telecom,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
csat_topbox_retail,CSAT top box,81,percent,Retail,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,top-1-box very satisfied
csat_topbox_insurance,CSAT top box,80,percent,Insurance,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
csat_topbox_health_ins,CSAT top box,80,percent,Health insurance,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
csat_topbox_energy,CSAT top box,76,percent,Energy,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
csat_topbox_financial,CSAT top box,75,percent,Financial,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
csat_topbox_tech_support,CSAT top box,75,percent,Tech support,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
csat_topbox_telco,CSAT top box,68,percent,Telecom,North America,n.d.,SQM Group,S11,https://sqmgroup.com/resources/library/blog/fcr-customer-satisfaction-comparison-industry-and-call-reason,B,
csat_topbox_worldclass,CSAT top box world-class threshold,85,percent,Call centres,North America,2021,SQM Group,S14,https://www.sqmgroup.com/resources/library/blog/learn-best-call-centers-improve-fcr-csat-and-reduce-cost,B,
talk_time_service_us,Average talk time service call,381,seconds,Contact centres cross-industry,US,2014,ContactBabel,S22,https://www.destinationcrm.com/Articles/Columns-Departments/Insight/Call-Handling-Time-Continues-to-Rise-98740.aspx,B,talk time only (excl. queue/IVR)
talk_time_sales_us,Average talk time sales call,408,seconds,Contact centres cross-industry,US,2014,ContactBabel,S22,https://www.destinationcrm.com/Articles/Columns-Departments/Insight/Call-Handling-Time-Continues-to-Rise-98740.aspx,B,
asa_uk,Average speed to answer,36.1,seconds,Contact centres,UK,2014/15,ContactBabel,S23,https://callcentrehelper.com/average-speed-to-answer-jumps-by-27-69858.htm,B,previous 28.4 s; 55 s in 200+ seat centres
handle_service_uk,Call handling time service call,300,seconds,Contact centres,UK,2014/15,ContactBabel,S23,https://callcentrehelper.com/average-speed-to-answer-jumps-by-27-69858.htm,B,"""almost 5 minutes"" (approx.)"
handle_sales_uk,Call handling time sales call,390,seconds,Contact centres,UK,2014/15,ContactBabel,S23,https://callcentrehelper.com/average-speed-to-answer-jumps-by-27-69858.htm,B,"""6 1/2 minutes"" (approx.)"
call_duration_global,Average call duration,190,seconds,~2500 call centres in 17 countries,Global,2007,Global Call Center Report (Cornell),S25,https://customerthink.com/call_center_global_study_highlights/,C,
answer_20s_global,Share of in-house centres answering within 20 s,85,percent,~2500 call centres in 17 countries,Global,2007,Global Call Center Report (Cornell),S25,https://customerthink.com/call_center_global_study_highlights/,C,
service_level_target,Most common service-level target,80,percent_within_20s,Contact centres,UK-led,2015,Call Centre Helper,S24,https://callcentrehelper.com/80-in-20-seconds-think-again-78567.htm,B,targets not achieved values
email_frt_avg,E-mail first response time (responders),12,hours,1000 companies tested,Global,n.d.,SuperOffice,S18,https://www.superoffice.co.uk/resources/articles/customer-service-response-times,B,often quoted as 12h10m
email_no_response,Share of companies not responding to e-mail,62,percent,1000 companies tested,Global,n.d.,SuperOffice,S18,https://www.superoffice.co.uk/resources/articles/customer-service-response-times,B,
chat_wait_2017,Live chat wait time,37,seconds,Comm100 customers,Global,2017,Comm100,S20,https://www.comm100.com/resources/report/live-chat-benchmark-report-2018/key-trends/,B,45 s in 2016
chat_csat_comm100_2017,Live chat satisfaction,80.68,percent,Comm100 customers,Global,2017,Comm100,S20,https://www.comm100.com/resources/report/live-chat-benchmark-report-2018/key-trends/,B,
chat_csat_livechat_2017,Live chat satisfaction,83.54,percent,21000 companies 22 industries,Global,2017,LiveChat,S21,https://www.livechat.com/press/company-news/its-here-the-livechat-customer-service-report-2018/,B,
churn_sub_b2b,Subscription churn monthly average,4.91,percent_per_month,B2B subscription,Global,n.d.,Recurly,S26,https://recurly.com/research/churn-rate-benchmarks/,B,1500+ sites 19 months
churn_sub_b2c,Subscription churn monthly average,6.77,percent_per_month,B2C subscription,Global,n.d.,Recurly,S26,https://recurly.com/research/churn-rate-benchmarks/,B,
churn_sub_voluntary,Voluntary subscription churn monthly,3.95,percent_per_month,Subscription,Global,n.d.,Recurly,S26,https://recurly.com/research/churn-rate-benchmarks/,B,
churn_sub_involuntary,Involuntary subscription churn monthly,1.38,percent_per_month,Subscription,Global,n.d.,Recurly,S26,https://recurly.com/research/churn-rate-benchmarks/,B,payment failures
churn_sub_all_2019,Subscription churn monthly median,5.48,percent_per_month,All subscription,Global,2019,Recurly,S27,https://recurly.com/research/annual-subscription-billling-metrics-report,B,
churn_sub_b2b_2019,Subscription churn monthly median,5.15,percent_per_month,B2B subscription,Global,2019,Recurly,S27,https://recurly.com/research/annual-subscription-billling-metrics-report,B,
churn_sub_b2c_2019,Subscription churn monthly median,6.81,percent_per_month,B2C subscription,Global,2019,Recurly,S27,https://recurly.com/research/annual-subscription-billling-metrics-report,B,
nrr_acv_lt12k,NRR median,100,percent_annual,B2B SaaS ACV <12k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,decoded from mirror of research brief 28
nrr_acv_12_25k,NRR median,102,percent_annual,B2B SaaS ACV 12-25k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
nrr_acv_25_50k,NRR median,103,percent_annual,B2B SaaS ACV 25-50k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
nrr_acv_50_100k,NRR median,105,percent_annual,B2B SaaS ACV 50-100k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
nrr_acv_100_250k,NRR median,107,percent_annual,B2B SaaS ACV 100-250k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
nrr_acv_gt250k,NRR median,110,percent_annual,B2B SaaS ACV >250k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
grr_acv_lt12k,GRR median,90,percent_annual,B2B SaaS ACV <12k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
grr_acv_12_25k,GRR median,90,percent_annual,B2B SaaS ACV 12-25k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
grr_acv_25_50k,GRR median,92,percent_annual,B2B SaaS ACV 25-50k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
grr_acv_50_100k,GRR median,93,percent_annual,B2B SaaS ACV 50-100k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
grr_acv_100_250k,GRR median,93,percent_annual,B2B SaaS ACV 100-250k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
grr_acv_gt250k,GRR median,93,percent_annual,B2B SaaS ACV >250k,mostly US,2023,SaaS Capital,S29,https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486,C,
churn_tel_vz_consumer_2022q2,Postpaid phone churn,0.76,percent_per_month,Telecom (Verizon consumer),US,2022-Q2,Verizon results (PhoneArena),S110,https://www.phonearena.com/news/verizon-shows-rebound-q2_id149213,B,
churn_tel_vz_business_2022q2,Postpaid phone churn,1.10,percent_per_month,Telecom (Verizon business),US,2022-Q2,Verizon results (PhoneArena),S110,https://www.phonearena.com/news/verizon-shows-rebound-q2_id149213,B,
churn_tel_vz_prepaid_2022q2,Prepaid churn,4.24,percent_per_month,Telecom (Verizon prepaid),US,2022-Q2,Verizon results (PhoneArena),S110,https://www.phonearena.com/news/verizon-shows-rebound-q2_id149213,B,
churn_tel_att_2025q2,Postpaid phone churn,0.87,percent_per_month,Telecom (AT&T),US,2025-Q2,AT&T results (PhoneArena),S111,https://www.phonearena.com/news/hidden-in-its-q3-report-is-news-that-could-lead-to-big-problems-at-at-t_id175350,B,
churn_tel_att_2025q3,Postpaid phone churn,0.92,percent_per_month,Telecom (AT&T),US,2025-Q3,AT&T results (PhoneArena),S111,https://www.phonearena.com/news/hidden-in-its-q3-report-is-news-that-could-lead-to-big-problems-at-at-t_id175350,B,
bank_switch_2023,Primary bank switching rate,8,percent_per_year,Retail banking,US,2023,J.D. Power 2024 U.S. Retail Banking Satisfaction Study,S112,https://www.bankingexchange.com/news-feed/item/9951-consumer-loyalty-to-banks-declines?Itemid=774,B,5% in 2018
bank_switch_intent_2024,Likely to switch bank next 12 months,13,percent,Retail banking,US,2024,J.D. Power 2024 U.S. Retail Banking Satisfaction Study,S112,https://www.bankingexchange.com/news-feed/item/9951-consumer-loyalty-to-banks-declines?Itemid=774,B,stated intent
churn_fin_credit_2020,Annual customer churn,25,percent_per_year,Financial/credit,US,2020,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,re-verify at Statista
churn_cable_2020,Annual customer churn,25,percent_per_year,Cable,US,2020,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,
churn_general_retail_2020,Annual customer churn,24,percent_per_year,General retail,US,2020,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,
retention_telecom_2018,Annual customer retention,78,percent_per_year,Telecommunications,Global,2018,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,
retention_banking_2018,Annual customer retention,75,percent_per_year,Banking,Global,2018,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,
retention_retail_2018,Annual customer retention,63,percent_per_year,Retail,Global,2018,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,
retention_it_software_2018,Annual customer retention,77,percent_per_year,IT and software,Global,2018,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,
retention_hospitality_2018,Annual customer retention,55,percent_per_year,Hospitality/travel/restaurants,Global,2018,Statista (via Exploding Topics),S113,https://explodingtopics.com/blog/customer-retention-rates,C,
sales_at_risk_2023,Global sales at risk from bad experiences,3.1,usd_trillion,All consumer industries,Global,2023 study,XM Institute,S53,https://www.einpresswire.com/article/603222374/bad-experiences-put-3-1-trillion-in-annual-global-consumer-spending-at-risk,B,6.7% of revenue
sales_at_risk_2024,Global sales at risk from bad experiences,3.7,usd_trillion,All consumer industries,Global,2024 study,XM Institute,S54,https://carriermanagement.com/news/2024/02/14/258732.htm,B,14% very negative; 51% cut spending
sales_at_risk_2025,Global sales at risk from bad experiences,3.8,usd_trillion,All consumer industries,Global,2025 study,XM Institute,S55,https://customerexperiencedive.com/news/bad-experiences-trillions-sales-risk/729920,B,12% very negative; 53% cut spending
effort_disloyal_high,Share more disloyal after high-effort interaction,96,percent,Customer service,Global,2010,CEB/HBR,S45,https://www.qualitydigest.com/inside/quality-insider-news/study-reducing-customer-effort-key-managing-loyalty.html,B,
effort_disloyal_low,Share more disloyal after low-effort interaction,9,percent,Customer service,Global,2010,CEB/HBR,S46,https://bobmorris.biz/why-you-should-stop-trying-to-delight-your-customers-the-idea-in-practice,B,
`;
