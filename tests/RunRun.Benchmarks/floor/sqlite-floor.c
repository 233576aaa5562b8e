// The storage floor of one RunRun order: the SQLite work a placement needs (two point reads for
// the new order and shopper activations; a journal event, the order's state, the shopper's state
// and the expiry reminder written), on the same schema, in C with prepared statements bound by
// index and one transaction per batch. It shows what the engine itself costs on this machine,
// apart from any .NET or grain work. Not part of any build or test.
//
//   gcc -O2 -o /tmp/sqlite-floor tests/RunRun.Benchmarks/floor/sqlite-floor.c -lsqlite3
//   rm -f /tmp/floor.db*; /tmp/sqlite-floor /tmp/floor.db 300000 64 FULL
//   rm -f /tmp/floor.db*; /tmp/sqlite-floor /tmp/floor.db 150000 8 FULL api
//
// Arguments: database file, orders, orders per transaction, synchronous (FULL or NORMAL), and
// optionally "api" for the API's random order ids and few shoppers.
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
#define CK(x) do{int rc=(x); if(rc!=SQLITE_OK&&rc!=SQLITE_DONE&&rc!=SQLITE_ROW){fprintf(stderr,"%s: %s\n",#x,sqlite3_errmsg(db));exit(1);}}while(0)
static void Ids(char*id,size_t n,char*sid,size_t m,int j,int api){
  if(api){srandom((unsigned)j);long a=random(),b=random(),c=random(),d=random();snprintf(id,n,"order/o-%08lx%08lx%08lx%08lx",a,b,c,d);snprintf(sid,m,"shopper/shopper-%d",j%326);}
  else{snprintf(id,n,"order/o-%d",j);snprintf(sid,m,"shopper/shopper-%d",j);}
}
int main(int argc,char**argv){
  if(argc!=5&&argc!=6){fprintf(stderr,"usage: %s database orders orders-per-transaction FULL|NORMAL [api]\n",argv[0]);return 2;}
  // "api": order ids are random (the API derives them from a hash of shopper and Idempotency-Key)
  // and 326 shoppers place every order (the load tool's); otherwise ids count up and every order
  // has a new shopper (the sale benchmark's).
  int api=argc==6&&strcmp(argv[5],"api")==0;
  const char*path=argv[1]; int orders=atoi(argv[2]); int batch=atoi(argv[3]); const char*sync=argv[4];
  sqlite3*db; sqlite3_open(path,&db);
  char sql[4096]; snprintf(sql,sizeof sql,"PRAGMA journal_mode=WAL; PRAGMA synchronous=%s;"
   "CREATE TABLE IF NOT EXISTS grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, grain_hash INTEGER NOT NULL, etag INTEGER NOT NULL, payload BLOB NULL, PRIMARY KEY (state_name, grain_id));"
   "CREATE TABLE IF NOT EXISTS journal_events (grain_id TEXT NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (grain_id, seq));"
   "CREATE TABLE IF NOT EXISTS reminders (grain_id TEXT NOT NULL, reminder_name TEXT NOT NULL, grain_hash INTEGER NOT NULL, start_at INTEGER NOT NULL, period_ms INTEGER NOT NULL, etag INTEGER NOT NULL, PRIMARY KEY (grain_id, reminder_name));"
   , sync);
  CK(sqlite3_exec(db,sql,0,0,0));
  sqlite3_stmt *rd,*ins,*ev,*rem,*b,*c;
  CK(sqlite3_prepare_v2(db,"SELECT etag, payload FROM grain_state WHERE state_name = ?1 AND grain_id = ?2",-1,&rd,0));
  CK(sqlite3_prepare_v2(db,"INSERT INTO grain_state (state_name, grain_id, grain_hash, etag, payload) VALUES (?1,?2,?3,?4,?5) ON CONFLICT (state_name, grain_id) DO NOTHING",-1,&ins,0));
  CK(sqlite3_prepare_v2(db,"INSERT INTO journal_events (grain_id, seq, payload) VALUES (?1,?2,?3)",-1,&ev,0));
  CK(sqlite3_prepare_v2(db,"INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, etag) VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT (grain_id, reminder_name) DO UPDATE SET start_at=excluded.start_at, period_ms=excluded.period_ms, etag=excluded.etag",-1,&rem,0));
  CK(sqlite3_prepare_v2(db,"BEGIN",-1,&b,0)); CK(sqlite3_prepare_v2(db,"COMMIT",-1,&c,0));
  char order[400], shopper[100], event[120]; memset(order,'o',sizeof order); memset(shopper,'s',sizeof shopper); memset(event,'e',sizeof event);
  char id[64], sid[64]; long seq=0;
  double t0=now(), reads=0, writes=0;
  for(int i=0;i<orders;i+=batch){
    double r0=now();
    for(int j=i;j<i+batch;j++){
      Ids(id,sizeof id,sid,sizeof sid,j,api);
      sqlite3_bind_text(rd,1,"order",-1,SQLITE_STATIC); sqlite3_bind_text(rd,2,id,-1,SQLITE_TRANSIENT); while(sqlite3_step(rd)==SQLITE_ROW); sqlite3_reset(rd);
      sqlite3_bind_text(rd,1,"shopper",-1,SQLITE_STATIC); sqlite3_bind_text(rd,2,sid,-1,SQLITE_TRANSIENT); while(sqlite3_step(rd)==SQLITE_ROW); sqlite3_reset(rd);
    }
    double w0=now(); reads+=w0-r0;
    sqlite3_step(b); sqlite3_reset(b);
    for(int j=i;j<i+batch;j++){
      Ids(id,sizeof id,sid,sizeof sid,j,api);
      sqlite3_bind_text(ev,1,"stock/hot",-1,SQLITE_STATIC); sqlite3_bind_int64(ev,2,++seq); sqlite3_bind_blob(ev,3,event,sizeof event,SQLITE_STATIC); CK(sqlite3_step(ev)); sqlite3_reset(ev);
      sqlite3_bind_text(ins,1,"order",-1,SQLITE_STATIC); sqlite3_bind_text(ins,2,id,-1,SQLITE_TRANSIENT); sqlite3_bind_int64(ins,3,j*2654435761L); sqlite3_bind_int64(ins,4,1); sqlite3_bind_blob(ins,5,order,sizeof order,SQLITE_STATIC); CK(sqlite3_step(ins)); sqlite3_reset(ins);
      sqlite3_bind_text(ins,1,"shopper",-1,SQLITE_STATIC); sqlite3_bind_text(ins,2,sid,-1,SQLITE_TRANSIENT); sqlite3_bind_int64(ins,3,j*40503L); sqlite3_bind_int64(ins,4,1); sqlite3_bind_blob(ins,5,shopper,sizeof shopper,SQLITE_STATIC); CK(sqlite3_step(ins)); sqlite3_reset(ins);
      sqlite3_bind_text(rem,1,id,-1,SQLITE_TRANSIENT); sqlite3_bind_text(rem,2,"expiry",-1,SQLITE_STATIC); sqlite3_bind_int64(rem,3,j*2654435761L); sqlite3_bind_int64(rem,4,1700000000000L); sqlite3_bind_int64(rem,5,60000); sqlite3_bind_int64(rem,6,1); CK(sqlite3_step(rem)); sqlite3_reset(rem);
    }
    CK(sqlite3_step(c)); sqlite3_reset(c);
    writes+=now()-w0;
  }
  double t=now()-t0;
  printf("%d orders, batches of %d, synchronous=%s, %s ids: %.0f orders/s on one core (reads %.1f us/order, writes %.1f us/order)\n",orders,batch,sync,api?"random":"counting",orders/t,reads/orders*1e6,writes/orders*1e6);
  return 0;
}
